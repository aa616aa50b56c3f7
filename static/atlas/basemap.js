/*
 * The basemap's land, coasts and borders on Leaflet's canvas, drawn straight from arrays of projected numbers.
 *
 * Leaflet's own layers (L.geoJSON) make an object for each of the world's 60,000 points, then a projected
 * point for each at every zoom, and clip and simplify each polygon: about 100 ms and as much garbage on a first
 * visit, before anything else can be drawn. Here each ring is projected once to Web Mercator's unit square
 * (what Leaflet's EPSG:3857 does, at scale 1) into a Float64Array; drawing scales it to the zoom, leaves out the
 * rings off the canvas and the points closer than a pixel to the last one drawn. The world a turn to each side is
 * the same arrays drawn 360° further, where the view reaches past the antimeridian.
 *
 * Pure part (rings, mercator, trace) tested under Node in tests/js/basemap.test.js; Rings, the Leaflet layer, is
 * defined where Leaflet is loaded.
 */
(function (root) {
  "use strict";

  var MAX_LAT = 85.0511287798;  // Leaflet's SphericalMercator.MAX_LATITUDE
  var TOLERANCE = 0.6;  // px: a point closer than this to the last one drawn adds nothing to see

  /** Web Mercator of (lon, lat) in degrees, in the unit square (x east from -180°, y south from the top), the
   * latitude held within Mercator's limits as Leaflet holds it. A longitude past ±180 stays past it. */
  function mercator(lon, lat) {
    var phi = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI / 180;
    var s = Math.sin(phi);
    return [lon / 360 + 0.5, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
  }

  /**
   * The rings of a GeoJSON object (a feature collection, a feature, a geometry collection, or a geometry), each
   * projected: {xy: Float64Array [x0, y0, x1, y1, ...], box: [minX, minY, maxX, maxY], closed} (closed for a
   * polygon's rings, open for lines), and the box of them all. Points are not made into objects.
   */
  function rings(geojson) {
    var out = [], all = [Infinity, Infinity, -Infinity, -Infinity];
    function ring(coords, closed) {
      var n = coords.length;
      if (!n) { return; }
      var xy = new Float64Array(2 * n), box = [Infinity, Infinity, -Infinity, -Infinity];
      for (var i = 0; i < n; i++) {
        var p = mercator(coords[i][0], coords[i][1]), x = p[0], y = p[1];
        xy[2 * i] = x; xy[2 * i + 1] = y;
        if (x < box[0]) { box[0] = x; } if (y < box[1]) { box[1] = y; }
        if (x > box[2]) { box[2] = x; } if (y > box[3]) { box[3] = y; }
      }
      out.push({xy: xy, box: box, closed: closed});
      for (var k = 0; k < 4; k++) { all[k] = k < 2 ? Math.min(all[k], box[k]) : Math.max(all[k], box[k]); }
    }
    function walk(g) {
      if (!g) { return; }
      switch (g.type) {
        case "FeatureCollection": g.features.forEach(walk); break;
        case "Feature": walk(g.geometry); break;
        case "GeometryCollection": g.geometries.forEach(walk); break;
        case "Polygon": g.coordinates.forEach(function (r) { ring(r, true); }); break;
        case "MultiPolygon": g.coordinates.forEach(function (p) { p.forEach(function (r) { ring(r, true); }); }); break;
        case "LineString": ring(g.coordinates, false); break;
        case "MultiLineString": g.coordinates.forEach(function (l) { ring(l, false); }); break;
        default: break;  // points have no place in a basemap
      }
    }
    walk(geojson);
    return {rings: out, box: all};
  }

  /**
   * Trace the rings on a canvas context (moveTo, lineTo, closePath; the caller begins the path and fills or
   * strokes it) at `scale` px per world, less `ox`, `oy` (Leaflet's pixel origin), a world to each side too when
   * `copies`; only the rings whose box meets `view` ({min: {x, y}, max: {x, y}}, in the same pixels; null: all).
   * A ring wholly outside the view changes no pixel in it, whatever the fill rule. Returns how many points were
   * drawn.
   */
  function trace(ctx, data, scale, ox, oy, view, copies) {
    var drawn = 0, shifts = copies ? [0, -1, 1] : [0];
    for (var k = 0; k < shifts.length; k++) {
      var dx = shifts[k] * scale - ox;
      if (view && (data.box[0] * scale + dx > view.max.x || data.box[2] * scale + dx < view.min.x)) { continue; }
      for (var r = 0; r < data.rings.length; r++) {
        var ring = data.rings[r], b = ring.box, xy = ring.xy, n = xy.length;
        if (view && (b[0] * scale + dx > view.max.x || b[2] * scale + dx < view.min.x ||
                     b[1] * scale - oy > view.max.y || b[3] * scale - oy < view.min.y)) { continue; }
        var lx = xy[0] * scale + dx, ly = xy[1] * scale - oy;
        ctx.moveTo(lx, ly);
        drawn += 1;
        for (var i = 2; i < n; i += 2) {
          var x = xy[i] * scale + dx, y = xy[i + 1] * scale - oy;
          if (i < n - 2 && Math.abs(x - lx) < TOLERANCE && Math.abs(y - ly) < TOLERANCE) { continue; }
          ctx.lineTo(x, y);
          lx = x; ly = y;
          drawn += 1;
        }
        if (ring.closed) { ctx.closePath(); }
      }
    }
    return drawn;
  }

  var api = {mercator: mercator, rings: rings, trace: trace, TOLERANCE: TOLERANCE};

  /**
   * A Leaflet path on a canvas renderer holding projected rings (see `rings`), drawn with the renderer's own fill
   * and stroke (the options of any L.Path: color, weight, fill, fillColor, dashArray...), never interactive.
   * Option `copies`: also draw the world a turn to each side where the view shows it.
   */
  if (root.L && root.L.Path) {
    var L = root.L;
    api.Rings = L.Path.extend({
      options: {interactive: false, copies: false},

      initialize: function (data, options) {
        L.setOptions(this, options);
        this._data = data;
      },

      // at each zoom: the scale and the pixel origin, and the pixels the rings cover (for the renderer's partial
      // redraws)
      _project: function () {
        var map = this._map, scale = map.options.crs.scale(map.getZoom()), origin = map.getPixelOrigin();
        var b = this._data.box, wide = this.options.copies ? scale : 0;
        this._scale = scale; this._ox = origin.x; this._oy = origin.y;
        this._pxBounds = isFinite(b[0]) ? L.bounds([b[0] * scale - origin.x - wide, b[1] * scale - origin.y],
                                                   [b[2] * scale - origin.x + wide, b[3] * scale - origin.y]) : null;
      },

      _update: function () {
        if (this._map) { this._updatePath(); }
      },

      _updatePath: function () {
        var renderer = this._renderer;
        if (!renderer._drawing || !this._pxBounds) { return; }
        var ctx = renderer._ctx;
        ctx.beginPath();
        trace(ctx, this._data, this._scale, this._ox, this._oy, renderer._bounds, this.options.copies);
        renderer._fillStroke(ctx, this);
      },

      _updateBounds: function () {},

      _containsPoint: function () { return false; }
    });
  }

  root.CMCBasemap = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
})(typeof window !== "undefined" ? window : globalThis);
