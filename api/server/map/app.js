// SPDX-License-Identifier: MIT
// The map page's script: a placeholder until the map itself is written (issue 11).
// It reads /map/config.json (the tile URL template, if any, and the attribution) and
// shows an empty map; without a tile server the page works on the network alone.
'use strict';

(function () {
  if (typeof L === 'undefined') {
    return; // the page says why: Leaflet (libjs-leaflet) is not installed on the server
  }
  const map = L.map('map').setView([62.0, 15.0], 5);
  fetch('/map/config.json')
    .then((answer) => answer.json())
    .then((config) => {
      if (config.tile_url) {
        L.tileLayer(config.tile_url, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
      } else {
        map.attributionControl.addAttribution(config.attribution);
      }
    });
}());
