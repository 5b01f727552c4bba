/* Evaluates the expressions of tests/topics/test_tools_logic.py in one Node process: a request per
 * line on stdin ({tool, common, expression, given}: the tool's and common.js's paths), an answer per
 * line on stdout ({value} or {error}). A Node process per expression took about 0.1 s each, most of
 * that module's time.
 *
 * Each request loads the tool's files afresh (require's cache is emptied first), as a new process
 * did, so no expression sees what another left behind. Not a test file: `node --test tests/js`
 * runs the *.test.js files only.
 */
"use strict";

const readline = require("readline");

console.log = console.error; // a stray log line must not be read as an answer

readline.createInterface({input: process.stdin}).on("line", line => {
  const request = JSON.parse(line);
  let answer;
  try {
    for (const path of Object.keys(require.cache)) delete require.cache[path];
    const tool = require(request.tool), common = require(request.common), given = request.given;
    answer = {value: eval(request.expression)}; // sees tool, common and given
  } catch (error) {
    answer = {error: String((error && error.stack) || error)};
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
