/*
 * Uplift Academy widget: puts the "next course for you" iframe where this script tag stands (or into
 * the element matched by data-target). See docs/embedding.md.
 *   <script src="https://academy.example.com/embed.js" data-token="<product-signed JWT>" async></script>
 */
(function () {
  var script = document.currentScript;
  if (!script) return;
  var token = script.getAttribute("data-token");
  if (!token) {
    console.warn("[uplift] embed.js: data-token is missing");
    return;
  }
  var origin = new URL(script.src, document.baseURI).origin;
  var frame = document.createElement("iframe");
  frame.src = origin + "/embed/next?token=" + encodeURIComponent(token);
  frame.title = script.getAttribute("data-title") || "Your next course at Uplift Academy";
  frame.referrerPolicy = "no-referrer";
  // No scripts run in the widget; links may open the academy in a new, unsandboxed tab.
  frame.setAttribute("sandbox", "allow-popups allow-popups-to-escape-sandbox");
  frame.style.cssText =
    "display:block;width:100%;max-width:" +
    (script.getAttribute("data-max-width") || "480px") +
    ";height:" +
    (script.getAttribute("data-height") || "250px") +
    ";border:0";
  var selector = script.getAttribute("data-target");
  var target = selector ? document.querySelector(selector) : null;
  if (target) target.appendChild(frame);
  else script.parentNode.insertBefore(frame, script.nextSibling);
})();
