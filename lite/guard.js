// Runs before JupyterLite starts, in ES5 so that an old browser still runs it: where the site
// cannot work (too old a browser, site storage switched off), show why instead of a blank page.
(function () {
  var messages = /*MESSAGES*/{};
  var problem = null;
  try {
    if (!window.WebAssembly || !window.Worker || !window.fetch || !window.structuredClone ||
        typeof Array.prototype.at !== "function") {
      problem = "lite_old_browser";
    }
  } catch (e) {
    problem = "lite_old_browser";
  }
  if (!problem) {
    try {
      window.localStorage.setItem("tmd-storage-check", "1");
      window.localStorage.removeItem("tmd-storage-check");
      if (!window.indexedDB) { problem = "lite_no_storage"; }
    } catch (e) {
      problem = "lite_no_storage";
    }
  }
  window.tmdSupported = !problem;
  if (!problem) { return; }
  function show() {
    var box = document.createElement("div");
    box.id = "tmd-unsupported";
    box.setAttribute("role", "alert");
    box.style.cssText = "max-width:40em;margin:2em auto;padding:1em 1.5em;font:18px/1.5 sans-serif;" +
      "border:3px solid #b00020;border-radius:8px;background:#fff;color:#000";
    box.innerHTML = messages[problem];
    var spinner = document.getElementById("jupyterlite-loading-indicator");
    if (spinner) { spinner.parentNode.removeChild(spinner); }
    document.body.insertBefore(box, document.body.firstChild);
  }
  if (document.body) { show(); } else { document.addEventListener("DOMContentLoaded", show); }
})();
