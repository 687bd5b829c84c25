// Injected at the end of a copy of report.html by report_layout_test.sh, run by headless
// chromium (--dump-dom), and read back from the pre element it appends: what a reader would see
// broken. Findings are lines "FAIL ..."; a clean page has none.
(function () {
  var out = [];
  var doc = document.documentElement;
  var width = Math.max(doc.scrollWidth, document.body.scrollWidth);
  out.push("viewport " + window.innerWidth + " page " + width);
  if (width > window.innerWidth + 1 || width > 700)
    out.push("FAIL page is " + width + " px wide in a " + window.innerWidth + " px window");
  var all = document.body.getElementsByTagName("*");
  for (var i = 0; i < all.length; i++) {
    var el = all[i];
    var r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    // Text or a box sticking out of the window, or out of its own box (clipped text).
    if (r.right > window.innerWidth + 1)
      out.push("FAIL <" + el.tagName.toLowerCase() + "> ends at " + Math.round(r.right) + " px: " +
               (el.textContent || "").trim().slice(0, 60));
    var style = window.getComputedStyle(el);
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && style.overflowX !== "visible")
      out.push("FAIL <" + el.tagName.toLowerCase() + "> overflows its box: " + (el.textContent || "").trim().slice(0, 60));
  }
  var headings = document.getElementsByTagName("h2");
  var names = [];
  for (var j = 0; j < headings.length; j++) names.push(headings[j].textContent.trim());
  out.push("sections " + names.join(" | "));
  var pre = document.createElement("pre");
  pre.id = "frr-layout";
  pre.textContent = out.join("\n");
  document.body.appendChild(pre);
})();
