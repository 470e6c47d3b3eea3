/* The page's own behaviour (no data in here), run after every redraw: a map's names that would overlap a
   bigger dot's name or run off the plot, and a Sankey's node names that would overlap a larger node's or
   run off the figure, are hidden (they show on hover); a legend on the right of a figure moves below it on
   a narrow window (not on a figure with a slider, whose rail is there). */
(function () {
  "use strict";
  var SLACK = 2, NARROW = 900;

  function overlaps(a, b) {
    return Math.min(a.right, b.right) - Math.max(a.left, b.left) > SLACK &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > SLACK;
  }

  /* hide each text of `texts` that overlaps a more important one (by `weight`) or leaves `area` */
  function declutter(texts, weight, area) {
    texts.forEach(function (t) { t.style.display = ""; });
    var items = texts.map(function (t) {
      return {el: t, box: t.getBoundingClientRect(), weight: weight(t)};
    }).filter(function (it) { return it.box.width > 0 && it.el.textContent; });
    items.sort(function (a, b) { return b.weight - a.weight; });
    var kept = [];
    items.forEach(function (it) {
      var b = it.box, inside = !area || (b.left >= area.left && b.right <= area.right && b.top >= area.top &&
        b.bottom <= area.bottom);
      if (inside && !kept.some(function (k) { return overlaps(k, b); })) kept.push(b);
      else it.el.style.display = "none";
    });
  }

  function declutterFigure(gd) {
    var all = function (sel) { return Array.prototype.slice.call(gd.querySelectorAll(sel)); };
    var datum = function (t) { return t.parentNode.__data__ || {}; };
    var size = gd._fullLayout && gd._fullLayout._size, svg = gd.querySelector(".main-svg");
    var names = all(".scatterlayer .textpoint text");  /* a map's names: the bigger dot's first */
    if (names.length && size && svg) {
      var frame = svg.getBoundingClientRect();
      declutter(names, function (t) { var d = datum(t); return +(d.ms || d.mrc || 0); },
                {left: frame.left + size.l - SLACK, top: frame.top + size.t - SLACK,
                 right: frame.left + size.l + size.w + SLACK, bottom: frame.top + size.t + size.h + SLACK});
    }
    var nodes = all(".sankey-node .node-label");  /* a Sankey's node names: the larger flow's first */
    if (nodes.length && svg) {
      var box = svg.getBoundingClientRect();
      declutter(nodes, function (t) { return +((datum(t).node || {}).value || 0); },
                {left: box.left, top: box.top, right: box.right + SLACK, bottom: box.bottom});
    }
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
    var redo = function () { placeLegend(gd); declutterFigure(gd); };
    gd.on("plotly_afterplot", redo);
    gd.on("plotly_animated", redo);
    redo();
  }

  window.addEventListener("load", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".plotly-graph-div"), watch);
  });
})();
