/*
 * The map's sandboxed frame (map.html): everything drawn from data lives here, in a frame with scripts but no
 * same-origin access, so nothing in it can reach the Streamlit page. It hears only its parent (the component's
 * bridge.js), which sends {cmc: "page", parts, args} (parts as JSON text, or as the page itself) and
 * {cmc: "args", args}, and it posts back what the host sends ({cmc: "value", value}).
 */
(function () {
  "use strict";
  var host = new window.CMCAtlas.Host(function (value) {
    window.parent.postMessage({cmc: "value", value: value}, "*");
  });
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent) { return; }
    var m = event.data || {};
    if (m.cmc === "page") { host.show(typeof m.parts === "string" ? JSON.parse(m.parts) : m.parts, m.args); }
    else if (m.cmc === "args") { host.apply(m.args, null, false); }
  });
  window.parent.postMessage({cmc: "ready"}, "*");
})();
