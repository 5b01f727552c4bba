/* SRV record generator (#srv-generator on the dns-srv page): the _vlmcs._tcp record that lets KMS
 * clients find their host, written for a zone file, Microsoft DNS (dnscmd), BIND (nsupdate) and the
 * host's own DnsDomainPublishList value. The record name and the default port come from facts.yml.
 */
(function (root) {
  "use strict";
  var T = typeof module === "object" && module.exports ? require("./common.js") : root.vakbTools;

  // The four texts for a checked record: {domain, host, port, priority, weight, ttl}.
  function records(r, recordName) {
    var owner = recordName + "." + r.domain + ".";
    var data = r.priority + " " + r.weight + " " + r.port + " ";
    return {
      zone: owner + " " + r.ttl + " IN SRV " + data + r.host + ".",
      dnscmd: "dnscmd /RecordAdd " + r.domain + " " + recordName + " " + r.ttl + " SRV " + data + r.host,
      nsupdate: "update add " + owner + " " + r.ttl + " IN SRV " + data + r.host + ".\nsend",
      publishList: r.domain + "," + r.priority + "," + r.weight
    };
  }

  function compute(values, payload) {
    if (!values.domain && !values.host) return { empty: true };
    var errors = [], record = {}, limits = payload.limits;
    ["domain", "host"].forEach(function (name) {
      var text = values[name] || "";
      if (!text) errors.push({ field: name, key: "required" });
      else if (!T.isDnsName(text)) errors.push({ field: name, key: "bad_name", values: { value: text } });
      // The target must be fully qualified: in a zone file "kms1." would be a top-level name.
      else if (name === "host" && text.replace(/\.$/, "").indexOf(".") < 0) {
        errors.push({ field: name, key: "short_name", values: { value: text } });
      }
      record[name] = text.replace(/\.$/, "").toLowerCase();
    });
    [["port", limits.port], ["priority", limits.srv_number], ["weight", limits.srv_number], ["ttl", limits.ttl]].forEach(function (f) {
      var value = T.parseWhole(values[f[0]] || "", f[1][0], f[1][1]);
      if (value === null) errors.push({ field: f[0], key: "whole_number", values: { min: f[1][0], max: f[1][1] } });
      record[f[0]] = value;
    });
    if (errors.length) return { errors: errors };
    return { result: records(record, payload.record) };
  }

  function render(result, form) {
    T.setText(form, "#srv-generator-zone", result.zone);
    T.setText(form, "#srv-generator-dnscmd", result.dnscmd);
    T.setText(form, "#srv-generator-nsupdate", result.nsupdate);
    T.setText(form, "#srv-generator-publish-list", result.publishList);
    form.querySelector("#srv-result").hidden = false;
  }

  function clear(form) {
    ["zone", "dnscmd", "nsupdate", "publish-list"].forEach(function (name) {
      T.setText(form, "#srv-generator-" + name, "");
    });
    form.querySelector("#srv-result").hidden = true;
  }

  var tool = { emptyError: { field: "domain", key: "required" }, records: records, compute: compute, render: render, clear: clear };
  if (typeof module === "object" && module.exports) module.exports = tool;
  else T.mount("srv-generator", tool);
})(typeof window !== "undefined" ? window : this);
