/* KMS host key chooser (#key-group-chooser on the key-groups page): the smallest key that activates
 * every ticked product. The keys come from key_groups.yml, already sorted smallest first (older
 * generation first, then group rank), with the products each one activates.
 */
(function (root) {
  "use strict";
  var T = typeof module === "object" && module.exports ? require("./common.js") : root.vakbTools;

  // The first (smallest) key whose `activates` holds every selected product, or null.
  function smallestKey(selected, keys) {
    for (var i = 0; i < keys.length; i++) {
      var activates = keys[i].activates;
      if (selected.every(function (id) { return activates.indexOf(id) >= 0; })) return keys[i];
    }
    return null;
  }

  function compute(values, payload) {
    var known = payload.products.map(function (p) { return p.id; });
    var selected = (values.product || []).filter(function (id) { return known.indexOf(id) >= 0; });
    if (!selected.length) return { empty: true };
    var key = smallestKey(selected, payload.keys);
    if (!key) return { errors: [{ field: "product", key: "no_key" }] };
    var others = key.activates.filter(function (id) { return selected.indexOf(id) < 0; });
    return { result: { key: key, others: others } };
  }

  function render(result, form, payload) {
    var s = payload.strings, lang = payload.lang, key = result.key;
    var names = {};
    payload.products.forEach(function (p) { names[p.id] = p.name; });
    var box = form.querySelector("#key-group-result");
    box.setAttribute("data-key", key.id);
    box.textContent = "";
    var title = document.createElement("p");
    var link = document.createElement("a");
    link.href = "#key-" + key.id;
    link.textContent = key.name + " (" + key.label + ")";
    link.setAttribute("title", s.key_link);
    var parts = s.key.split("{key}");
    title.appendChild(document.createTextNode(parts[0]));
    title.appendChild(link);
    title.appendChild(document.createTextNode(parts[1] || ""));
    box.appendChild(title);
    var hosts = document.createElement("p");
    hosts.textContent = T.format(s.hosts, { hosts: key.hosts.join(lang === "fr" ? " ; " : "; ") });
    box.appendChild(hosts);
    var also = document.createElement("p");
    also.textContent = result.others.length
      ? T.format(s.also, { products: T.listOf(lang, result.others.map(function (id) { return names[id]; })) })
      : s.nothing_else;
    box.appendChild(also);
    box.hidden = false;
  }

  function clear(form) {
    var box = form.querySelector("#key-group-result");
    box.removeAttribute("data-key");
    box.textContent = "";
    box.hidden = true;
  }

  var tool = { emptyError: { field: "product", key: "none" }, smallestKey: smallestKey, compute: compute, render: render, clear: clear };
  if (typeof module === "object" && module.exports) module.exports = tool;
  else T.mount("key-group-chooser", tool);
})(typeof window !== "undefined" ? window : this);
