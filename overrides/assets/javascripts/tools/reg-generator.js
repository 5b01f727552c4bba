/* Registry file generator (#reg-generator on the registry page): a .reg file as regedit writes it
 * (header, [key], "name"=dword:8-hex-digits or "name"="string", CRLF, UTF-16LE with a byte-order
 * mark), the same values as `reg add` commands, and the service to restart. Key paths, service
 * names, value types and the interval range come from facts.yml and registry.yml via the page.
 */
(function (root) {
  "use strict";
  var T = typeof module === "object" && module.exports ? require("./common.js") : root.vakbTools;
  var CRLF = "\r\n";

  // regedit writes HKEY_LOCAL_MACHINE in .reg files; reg.exe takes the HKLM short form.
  function longKey(key) {
    return key.replace(/^HKLM\\/, "HKEY_LOCAL_MACHINE\\");
  }

  function dword(n) {
    return "dword:" + ("00000000" + n.toString(16)).slice(-8);
  }

  function regString(text) {
    return '"' + String(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
  }

  // settings: [{name, type, value}] (value a number for REG_DWORD, a string for REG_SZ).
  function regFile(key, settings) {
    var lines = ["Windows Registry Editor Version 5.00", "", "[" + longKey(key) + "]"];
    settings.forEach(function (v) {
      lines.push(regString(v.name) + "=" + (v.type === "REG_DWORD" ? dword(v.value) : regString(v.value)));
    });
    return lines.join(CRLF) + CRLF + CRLF;
  }

  function regAdd(key, settings) {
    return settings.map(function (v) {
      return 'reg add "' + key + '" /v ' + v.name + " /t " + v.type + " /d " + (v.type === "REG_SZ" ? '"' + v.value + '"' : v.value) + " /f";
    }).join(CRLF);
  }

  function restartCommands(service) {
    return "net stop " + service + CRLF + "net start " + service;
  }

  // regedit's own encoding: UTF-16 little-endian with a byte-order mark.
  function utf16le(text) {
    var bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      bytes[2 + 2 * i] = code & 0xff;
      bytes[3 + 2 * i] = code >> 8;
    }
    return bytes;
  }

  function compute(values, payload) {
    var version = payload.keys[values.version] ? values.version : "win7";
    var errors = [], settings = [];
    payload.values.forEach(function (def) {
      var text = values[def.name] || "";
      if (!text) return;
      var value = text, range;
      if (def.kind === "interval") {
        range = def.range;
        value = T.parseWhole(text, range[0], range[1]);
        if (value === null) errors.push({ field: def.name, key: "interval" });
      } else if (def.kind === "port") {
        range = payload.limits.port;
        value = T.parseWhole(text, range[0], range[1]);
        if (value === null) errors.push({ field: def.name, key: "whole_number", values: { min: range[0], max: range[1] } });
      } else if (def.kind === "flag") {
        value = T.parseWhole(text, 0, 1);
        if (value === null) errors.push({ field: def.name, key: "whole_number", values: { min: 0, max: 1 } });
      } else if (!T.isDnsName(text) && !T.isIPv4(text)) {
        errors.push({ field: def.name, key: "bad_host", values: { value: text } });
      }
      // A REG_SZ value is written as text even when it holds a number (the port).
      if (value !== null) settings.push({ name: def.name, type: def.type, value: def.type === "REG_SZ" ? String(value) : value });
    });
    if (errors.length) return { errors: errors };
    if (!settings.length) return { empty: true };
    var key = payload.keys[version], service = payload.services[version];
    return {
      result: {
        version: version,
        key: key,
        file: regFile(key, settings),
        commands: regAdd(key, settings),
        service: service,
        restart: restartCommands(service.short)
      }
    };
  }

  function render(result, form, payload) {
    var s = payload.strings;
    T.setText(form, "#reg-generator-key", T.format(s.key, { key: result.key }));
    // CRLF is kept in the page too (a CR renders as a space), so a copy has the line ends regedit wants.
    T.setText(form, "#reg-generator-file", result.file);
    T.setText(form, "#reg-generator-commands", result.commands);
    T.setText(form, "#reg-generator-restart-text", T.format(s.restart, { service: result.service.name }));
    T.setText(form, "#reg-generator-restart", result.restart);
    var box = form.querySelector("#reg-result");
    box.setAttribute("data-version", result.version);
    box.hidden = false;
    var button = form.querySelector(".vakb-tool__download");
    button.onclick = function () {
      var blob = new Blob([utf16le(result.file)], { type: "application/octet-stream" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = payload.fileName + "-" + result.version + ".reg";
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    };
  }

  function clear(form) {
    ["key", "file", "commands", "restart-text", "restart"].forEach(function (name) {
      T.setText(form, "#reg-generator-" + name, "");
    });
    var box = form.querySelector("#reg-result");
    box.removeAttribute("data-version");
    box.hidden = true;
    form.querySelector(".vakb-tool__download").onclick = null;
  }

  var tool = {
    emptyError: { field: "VLActivationInterval", key: "nothing" },
    longKey: longKey, dword: dword, regFile: regFile, regAdd: regAdd, utf16le: utf16le,
    compute: compute, render: render, clear: clear
  };
  if (typeof module === "object" && module.exports) module.exports = tool;
  else T.mount("reg-generator", tool);
})(typeof window !== "undefined" ? window : this);
