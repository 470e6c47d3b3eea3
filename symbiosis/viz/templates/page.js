/* The page's own behaviour (no data in here): names on a map that would overlap a bigger dot's name, or run
   off the plot, are hidden (they show on hover); a legend on the right of a figure moves below it on a
   narrow window (not on a figure with a slider, whose rail is there). Run after every redraw. */
(function () {
  "use strict";
  var SLACK = 2, NARROW = 900;

  function overlaps(a, b) {
    return Math.min(a.right, b.right) - Math.max(a.left, b.left) > SLACK &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > SLACK;
  }

  function declutter(gd) {
    var texts = Array.prototype.slice.call(gd.querySelectorAll(".scatterlayer .textpoint text"));
    var size = gd._fullLayout && gd._fullLayout._size, svg = gd.querySelector(".main-svg");
    if (!texts.length || !size || !svg) return;
    var frame = svg.getBoundingClientRect();
    var area = {left: frame.left + size.l - SLACK, top: frame.top + size.t - SLACK,
                right: frame.left + size.l + size.w + SLACK, bottom: frame.top + size.t + size.h + SLACK};
    texts.forEach(function (t) { t.style.display = ""; });
    var items = texts.map(function (t) {
      var d = t.parentNode.__data__ || {};  /* plotly's point: its marker size */
      return {el: t, box: t.getBoundingClientRect(), size: +(d.ms || d.mrc || 0)};
    }).filter(function (it) { return it.box.width > 0 && it.el.textContent; });
    items.sort(function (a, b) { return b.size - a.size; });
    var kept = [];
    items.forEach(function (it) {
      var b = it.box, inside = b.left >= area.left && b.right <= area.right && b.top >= area.top &&
        b.bottom <= area.bottom;
      if (inside && !kept.some(function (k) { return overlaps(k, b); })) kept.push(b);
      else it.el.style.display = "none";
    });
  }

  function placeLegend(gd) {
    var layout = gd.layout || {}, legend = layout.legend || {}, full = gd._fullLayout;
    if (!full || !full.showlegend || (layout.sliders && layout.sliders.length)) return;
    var narrow = gd.clientWidth < NARROW;
    if (narrow && !gd._wideLegend && legend.orientation !== "h" && (legend.x === undefined || legend.x >= 1)) {
      gd._wideLegend = {orientation: legend.orientation || null, x: legend.x === undefined ? null : legend.x,
                        y: legend.y === undefined ? null : legend.y};
      window.Plotly.relayout(gd, {"legend.orientation": "h", "legend.x": 0, "legend.xanchor": "left",
                                  "legend.yref": "container", "legend.y": 0, "legend.yanchor": "bottom"});
    } else if (!narrow && gd._wideLegend) {
      var wide = gd._wideLegend;
      gd._wideLegend = null;
      window.Plotly.relayout(gd, {"legend.orientation": wide.orientation, "legend.x": wide.x,
                                  "legend.xanchor": null, "legend.yref": null, "legend.y": wide.y,
                                  "legend.yanchor": null});
    }
  }

  function watch(gd) {
    if (gd._symbiosisWatched || !gd.on) return;
    gd._symbiosisWatched = true;
    var redo = function () { placeLegend(gd); declutter(gd); };
    gd.on("plotly_afterplot", redo);
    gd.on("plotly_animated", redo);
    redo();
  }

  window.addEventListener("load", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".plotly-graph-div"), watch);
  });
})();
