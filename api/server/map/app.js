// SPDX-License-Identifier: MIT
// The case officer's map. Everything it draws comes from the API's own answers, asked
// with the officer's key in the Authorization header (never in a URL):
//   GET /v1/tokens/{token}/distance   the panel: outcome, distances, threshold, versions, reasons
//   GET /v1/tokens/{token}/route      the decision's route, piece by piece, with the crossings
//   GET /v1/tokens/{token}/route?route=plain   the plain route beside a longer safe one
//   GET /v1/schools                   the school's name and entrances
//   GET /v1/network?bbox=             the walking network around the route (background)
// The key lives only in this tab's sessionStorage; the token, school, grade and language
// live in the address's fragment, which the browser never sends to a server.
// document.body.dataset.state: idle, loading, ready or error (dataset.error names it).
'use strict';

(function () {
  const KEY_STORAGE = 'skolvag.key';

  // First of all, before anything is asked of anyone: a key given in the fragment (tests,
  // the demo) goes to the tab's storage and out of the address.
  (function takeKeyFromFragment() {
    const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    if (fragment.has('key')) {
      sessionStorage.setItem(KEY_STORAGE, fragment.get('key'));
      fragment.delete('key');
      history.replaceState(null, '', '#' + fragment.toString());
    }
  }());

  const PAD_M = 150; // the network is drawn this far around the route
  // A long route's network comes in boxes along it, at most this many (one view's calls
  // stay well inside a proxy's rate limit; README); beyond, the ends are drawn first.
  const MAX_NETWORK_BOXES = 24;
  const MAX_SPLITS = 2; // a box over max_network_edges is split in four, at most twice over

  const TEXT = {
    sv: {
      title: 'Skolväg – karta', key: 'API-nyckel', token: 'Token', school: 'Skola', grade: 'Årskurs', show: 'Visa',
      print: 'Skriv ut / spara som PDF', other_language: 'English', map_label: 'Karta över vägen till skolan',
      start: 'Ange nyckel, token, skola och årskurs.', loading: 'Hämtar …',
      ready: 'Vägen som avståndet mättes på.',
      reasons: 'Skäl', legend: 'Teckenförklaring', legend_safe: 'Trafiksäker väg (mätt)',
      legend_plain: 'Kortaste gångväg', legend_unsafe: 'Inte trafiksäker för åldersgruppen',
      legend_crossing: 'Passage över väg', legend_entrance: 'Skolans entré', legend_network: 'Gångnätet (OpenStreetMap)',
      attribution_lead: 'Kartdata:',
      outcome: 'Bedömning', safe_distance: 'Trafiksäker gångväg', plain_distance: 'Kortaste gångväg',
      threshold: 'Avståndsgräns', band: 'Åldersgrupp', grade_shown: 'Årskurs', school_shown: 'Skola',
      route_shown: 'Väg på kartan', rule_set: 'Regelverk', rules_sha256: 'Reglernas SHA-256', network_id: 'Nätverk',
      version: 'skolvag', note: 'Anmärkning', none: 'ingen',
      no_safe_route: 'ingen trafiksäker väg',
      route_safe: 'trafiksäker väg', route_plain_too: 'trafiksäker väg och kortaste gångväg',
      route_plain_only: 'kortaste gångväg (det finns ingen trafiksäker väg)',
      outcomes: {
        eligible_distance: 'Rätt till skolskjuts (avstånd)',
        eligible_traffic: 'Rätt till skolskjuts (trafikförhållanden: ingen trafiksäker gångväg)',
        not_eligible: 'Inte rätt till skolskjuts på grund av avstånd',
        not_on_network: 'Hemmet ligger inte vid gångnätet',
        invalid_input: 'Ogiltig uppgift',
      },
      controls: { signalled: 'signalreglerad passage', marked: 'markerat övergångsställe', unmarked: 'omarkerad passage' },
      crossing_safe: 'trafiksäker', crossing_unsafe: 'inte trafiksäker', crossing_over: 'över',
      unsafe_piece: 'Inte trafiksäker för åldersgruppen', entrance: 'Entré', entrance_off: 'entrén ligger inte vid gångnätet',
      start_point: 'Hemmets närmaste punkt på gångnätet (vägen börjar här)',
      missing: 'Fyll i: ', no_key: 'Ange API-nyckeln.',
      unauthorized: 'Nyckeln godtas inte (401). Kontrollera API-nyckeln.',
      bad_key: 'Nyckeln innehåller tecken som ingen API-nyckel har. Kontrollera API-nyckeln.',
      forbidden: 'Nyckeln får inte fråga om vägar (403): den behöver rollen case (handläggare).',
      protected_identity: 'Skyddad identitet: ingen karta visas. Servern lämnar aldrig ut vägar eller platser för en ' +
        'skyddad identitet (403); avstånden nedan är avrundade till 100 m.',
      not_found: 'Okänd token (404): den finns inte hos denna kommun eller har raderats.',
      rate_limited: 'För många frågor just nu (429). Försök igen om en stund.',
      purpose_limit: 'Denna token har redan frågats om för många skolor (429).',
      no_route: 'Det finns ingen gångväg till skolan.',
      not_on_network: 'Hemmet ligger inte vid gångnätet: det finns ingen väg att visa.',
      unreachable: 'Servern svarar inte.',
      bad_answer: 'Servern svarade ',
      network_partly: 'Gångnätet visas bara nära vägen.',
      printed_at: 'Utskrivet',
      unknown_school: 'Okänd skola: ',
      unknown_grade: 'Okänd årskurs: ',
      invalid_field: 'Felaktig uppgift: ',
      detour: 'Den kortaste gångvägen är inte trafiksäker här:',
      route_tip_safe: 'Trafiksäker väg för åldersgruppen',
      route_tip_plain: 'Kortaste gångväg; röda delar är inte trafiksäkra för åldersgruppen',
    },
    en: {
      title: 'School route – map', key: 'API key', token: 'Token', school: 'School', grade: 'Grade', show: 'Show',
      print: 'Print / save as PDF', other_language: 'Svenska', map_label: 'Map of the route to school',
      start: 'Enter the key, token, school and grade.', loading: 'Loading …',
      ready: 'The route the distance was measured on.',
      reasons: 'Reasons', legend: 'Legend', legend_safe: 'Safe route (measured)', legend_plain: 'Shortest walking route',
      legend_unsafe: 'Not safe for the grade band', legend_crossing: 'Road crossing', legend_entrance: 'School entrance',
      legend_network: 'Walking network (OpenStreetMap)', attribution_lead: 'Map data:',
      outcome: 'Outcome', safe_distance: 'Safe walking distance', plain_distance: 'Shortest walking distance',
      threshold: 'Threshold', band: 'Grade band', grade_shown: 'Grade', school_shown: 'School',
      route_shown: 'Route on the map', rule_set: 'Rule set', rules_sha256: 'Rules SHA-256', network_id: 'Network',
      version: 'skolvag', note: 'Note', none: 'none',
      no_safe_route: 'no safe route',
      route_safe: 'safe route', route_plain_too: 'safe route and shortest walking route',
      route_plain_only: 'shortest walking route (there is no safe route)',
      outcomes: {
        eligible_distance: 'Eligible for school transport (distance)',
        eligible_traffic: 'Eligible for school transport (traffic: no safe walking route)',
        not_eligible: 'Not eligible by distance',
        not_on_network: 'The home is not on the walking network',
        invalid_input: 'Invalid input',
      },
      controls: { signalled: 'signalled crossing', marked: 'marked crossing', unmarked: 'unmarked crossing' },
      crossing_safe: 'safe', crossing_unsafe: 'not safe', crossing_over: 'over',
      unsafe_piece: 'Not safe for the grade band', entrance: 'Entrance', entrance_off: 'the entrance is not on the walking network',
      start_point: "The home's nearest point on the walking network (the route starts here)",
      missing: 'Fill in: ', no_key: 'Enter the API key.',
      unauthorized: 'The key is not accepted (401). Check the API key.',
      bad_key: 'The key holds characters no API key has. Check the API key.',
      forbidden: 'The key may not ask for routes (403): it needs the case role.',
      protected_identity: 'Protected identity: no map is shown. The server never gives routes or places for a ' +
        'protected identity (403); the distances below are rounded to 100 m.',
      not_found: 'Unknown token (404): not of this municipality, or erased.',
      rate_limited: 'Too many requests just now (429). Try again in a while.',
      purpose_limit: 'This token has already been asked about too many schools (429).',
      no_route: 'There is no walking route to the school.',
      not_on_network: 'The home is not on the walking network: there is no route to show.',
      unreachable: 'The server does not answer.',
      bad_answer: 'The server answered ',
      network_partly: 'The walking network is shown near the route only.',
      printed_at: 'Printed',
      unknown_school: 'Unknown school: ',
      unknown_grade: 'Unknown grade: ',
      invalid_field: 'Invalid field: ',
      detour: 'The shortest walking route is not safe here:',
      route_tip_safe: 'Safe route for the grade band',
      route_tip_plain: 'Shortest walking route; red parts are not safe for the grade band',
    },
  };

  const body = document.body;
  // Any Content-Security-Policy violation is counted where a test in any browser can read it.
  body.dataset.cspViolations = '0';
  document.addEventListener('securitypolicyviolation', () => {
    body.dataset.cspViolations = String(Number(body.dataset.cspViolations) + 1);
  });
  const $ = (id) => document.getElementById(id);
  let language = 'sv';
  let last = null; // the answers shown, to draw the panel again in the other language
  let map = null;
  let drawn = null; // the layers of the route shown
  let routeBounds = null; // what the map is fitted to, on the screen and on paper
  let config = { tile_url: null, max_network_km2: 4, max_network_edges: 20000 };
  let asked = 0; // the latest question: answers to an earlier one are dropped

  const t = (name) => TEXT[language][name];

  // --- the fragment: token, school, grade, lang (and, for tests, key) --------------------

  function readFragment() {
    const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    if (fragment.has('key')) { // an address edited by hand, with a key
      sessionStorage.setItem(KEY_STORAGE, fragment.get('key'));
      fragment.delete('key');
      history.replaceState(null, '', '#' + fragment.toString());
    }
    return fragment;
  }

  function writeFragment(q) {
    const fragment = new URLSearchParams();
    for (const name of ['token', 'school', 'grade']) {
      if (q[name]) {
        fragment.set(name, q[name]);
      }
    }
    if (language !== 'sv') {
      fragment.set('lang', language);
    }
    history.replaceState(null, '', '#' + fragment.toString());
  }

  // --- words ----------------------------------------------------------------------------

  function applyLanguage() {
    document.documentElement.lang = language;
    for (const element of document.querySelectorAll('[data-text]')) {
      element.textContent = t(element.dataset.text);
    }
    $('map').setAttribute('aria-label', t('map_label'));
    $('language').textContent = t('other_language');
    document.title = t('title');
  }

  function metres(value) {
    return value === null || value === undefined ? null : value.toLocaleString(language === 'sv' ? 'sv-SE' : 'en-GB') + ' m';
  }

  let said = ['start', ''];
  function say(name, extra) {
    said = [name, extra];
    $('message').textContent = t(name) + (extra ? ' ' + extra : '');
  }

  /** An element holding text only: nothing from an answer is ever read as HTML. */
  function textElement(tag, text, className) {
    const element = document.createElement(tag);
    element.textContent = text;
    if (className) {
      element.className = className;
    }
    return element;
  }

  function lines(...texts) {
    const box = document.createElement('div');
    texts.filter((x) => x).forEach((x, i) => box.appendChild(textElement(i === 0 ? 'strong' : 'div', x)));
    return box;
  }

  // --- the panel ------------------------------------------------------------------------

  function figure(list, id, label, text, value) {
    list.appendChild(textElement('dt', label));
    const dd = textElement('dd', text === null || text === undefined || text === '' ? '–' : text);
    dd.id = 'fig-' + id;
    if (value !== undefined && value !== null) {
      dd.dataset.value = String(value);
    }
    list.appendChild(dd);
    return dd;
  }

  function drawPanel() {
    const list = $('figures');
    list.replaceChildren();
    $('reasons').replaceChildren();
    $('reasons-box').hidden = true;
    if (!last || !last.distance) {
      return;
    }
    const d = last.distance;
    figure(list, 'outcome', t('outcome'), t('outcomes')[d.outcome] || d.outcome, d.outcome).className = 'outcome';
    // No safe distance: no safe route, when there is a route at all (else the outcome says why).
    const noSafe = d.plain_distance_m === null ? null : t('no_safe_route');
    figure(list, 'safe', t('safe_distance'), d.safe_distance_m === null ? noSafe : metres(d.safe_distance_m),
      d.safe_distance_m);
    figure(list, 'plain', t('plain_distance'), metres(d.plain_distance_m), d.plain_distance_m);
    figure(list, 'threshold', t('threshold'), metres(d.threshold_m), d.threshold_m);
    figure(list, 'band', t('band'), d.band, d.band);
    figure(list, 'grade', t('grade_shown'), d.grade, d.grade);
    const name = last.school ? last.school.name : '';
    figure(list, 'school', t('school_shown'), name ? name + ' (' + d.school_id + ')' : d.school_id, d.school_id);
    if (last.routes) {
      const kind = last.routes.plain ? 'route_plain_too'
        : last.routes.decided.properties.route_kind === 'safe' ? 'route_safe' : 'route_plain_only';
      figure(list, 'route', t('route_shown'), t(kind), kind);
    }
    figure(list, 'rule-set', t('rule_set'), d.rule_set, d.rule_set);
    figure(list, 'rules-sha256', t('rules_sha256'), d.rules_sha256.slice(0, 16) + '…', d.rules_sha256);
    figure(list, 'network-id', t('network_id'), d.network_id.slice(0, 16) + '…', d.network_id);
    figure(list, 'version', t('version'), d.skolvag_version, d.skolvag_version);
    if (d.note) {
      figure(list, 'note', t('note'), d.note, d.note);
    }
    const reasons = (language === 'sv' ? d.reasons_sv : d.reasons) || d.reasons || [];
    for (const reason of reasons) {
      $('reasons').appendChild(textElement('li', reason));
    }
    $('reasons-box').hidden = reasons.length === 0;
    // Beside a longer safe route: where the plain route is unsafe is why it is not the one measured.
    const detour = last.routes && last.routes.plain ? unsafeOn(last.routes.plain) : [];
    $('detour').replaceChildren(...detour.map((text) => textElement('li', text)));
    $('detour-box').hidden = detour.length === 0;
    $('printed-at').textContent = t('printed_at') + ' ' + new Date().toLocaleString(language === 'sv' ? 'sv-SE' : 'en-GB') +
      ' · token ' + d.token;
  }

  // --- the API --------------------------------------------------------------------------

  class ApiFailure extends Error {
    constructor(status, code, message) {
      super(message || code);
      this.status = status;
      this.code = code;
    }
  }

  async function ask(path) {
    const key = sessionStorage.getItem(KEY_STORAGE);
    if (!/^[\x21-\x7e]+$/.test(key)) { // a header could not carry it: say so, not "no answer"
      throw new ApiFailure(0, 'bad_key', '');
    }
    let answer;
    try {
      answer = await fetch(path, {
        headers: { Authorization: 'Bearer ' + key, Accept: 'application/json' },
        cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer',
      });
    } catch (e) {
      throw new ApiFailure(0, 'unreachable', '');
    }
    let parsed = null;
    try {
      parsed = await answer.json();
    } catch (e) {
      parsed = null;
    }
    if (!answer.ok) {
      const error = parsed && parsed.error ? parsed.error : {};
      throw new ApiFailure(answer.status, error.code || 'bad_answer', error.message || '');
    }
    if (parsed === null) {
      throw new ApiFailure(answer.status, 'bad_answer', 'not JSON');
    }
    return parsed;
  }

  function routePath(q, which) {
    return '/v1/tokens/' + encodeURIComponent(q.token) + '/route?school=' + encodeURIComponent(q.school) +
      '&grade=' + encodeURIComponent(q.grade) + (which ? '&route=' + which : '');
  }

  // --- the network around the route -----------------------------------------------------

  const EARTH_KM = 6371.0; // the server's mean radius (geodata/wgs84.hpp): the same areas
  const RAD = Math.PI / 180;

  function areaKm2(box) { // [minlon, minlat, maxlon, maxlat], as the server measures it
    return EARTH_KM * EARTH_KM * (box[2] - box[0]) * RAD * (Math.sin(box[3] * RAD) - Math.sin(box[1] * RAD));
  }

  /**
   * The boxes to ask for, each within the cap: one around every line when it fits, else
   * the cells of a grid that each line (and the pad around it) passes through.
   * @param around lines of [lon, lat]: the routes, and each entrance as a line of one point
   */
  function networkBoxes(around) {
    const points = around.flat();
    const maxLat = Math.max(...points.map((p) => Math.abs(p[1])));
    const padLat = PAD_M / 1000 / (EARTH_KM * RAD);
    const padLon = padLat / Math.cos(maxLat * RAD);
    const all = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [lon, lat] of points) {
      all[0] = Math.min(all[0], lon - padLon);
      all[1] = Math.min(all[1], lat - padLat);
      all[2] = Math.max(all[2], lon + padLon);
      all[3] = Math.max(all[3], lat + padLat);
    }
    const cap = config.max_network_km2 * 0.95; // a margin for rounding the box to 6 decimals
    if (areaKm2(all) <= cap) {
      return { boxes: [all], partly: false };
    }
    // Square cells of half the cap (narrower in longitude nearer the pole: never over it).
    const sideLat = Math.sqrt(cap / 2) / (EARTH_KM * RAD);
    const sideLon = sideLat / Math.cos(maxLat * RAD);
    const cells = new Map(); // in the order the lines pass through them
    const markAround = (lon, lat) => { // every cell the pad around the point meets
      for (let i = Math.floor((lon - padLon) / sideLon); i <= Math.floor((lon + padLon) / sideLon); i++) {
        for (let j = Math.floor((lat - padLat) / sideLat); j <= Math.floor((lat + padLat) / sideLat); j++) {
          if (!cells.has(i + ',' + j)) {
            cells.set(i + ',' + j, [i * sideLon, j * sideLat, (i + 1) * sideLon, (j + 1) * sideLat]);
          }
        }
      }
    };
    for (const line of around) {
      for (let k = 0; k < line.length; k++) {
        const [lon, lat] = line[k];
        const next = line[Math.min(k + 1, line.length - 1)];
        // Points along the segment closer than a pad apart: the pad around them covers it.
        const steps = Math.max(1, Math.ceil(Math.max(Math.abs(next[0] - lon) / padLon, Math.abs(next[1] - lat) / padLat)));
        for (let step = 0; step < steps; step++) {
          markAround(lon + (next[0] - lon) * step / steps, lat + (next[1] - lat) * step / steps);
        }
      }
    }
    const boxes = [...cells.values()];
    if (boxes.length <= MAX_NETWORK_BOXES) {
      return { boxes, partly: false };
    }
    // Too long a route for its whole corridor: both ends first, where the officer looks.
    const ends = [];
    for (let k = 0; ends.length < MAX_NETWORK_BOXES; k++) {
      ends.push(k % 2 === 0 ? boxes[k / 2] : boxes[boxes.length - 1 - (k - 1) / 2]);
    }
    return { boxes: ends, partly: true };
  }

  /** The network's lines in a box; a box over max_network_edges is asked for in quarters. */
  async function askBox(box, splits, into) {
    const bbox = box.map((v) => v.toFixed(6)).join(',');
    try {
      const collection = await ask('/v1/network?bbox=' + bbox);
      for (const f of collection.features) {
        const c = f.geometry.coordinates;
        const id = f.properties.osm_way_id + ':' + c[0].join(',') + ':' + c[c.length - 1].join(',');
        if (!into.seen.has(id)) { // an edge across two boxes comes twice
          into.seen.add(id);
          into.lines.push(c.map(([lon, lat]) => [lat, lon]));
        }
      }
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'area_too_large' && splits < MAX_SPLITS) {
        const [w, s, east, n] = box;
        const midLon = (w + east) / 2;
        const midLat = (s + n) / 2;
        for (const quarter of [[w, s, midLon, midLat], [midLon, s, east, midLat], [w, midLat, midLon, n],
          [midLon, midLat, east, n]]) {
          await askBox(quarter, splits + 1, into);
        }
        return;
      }
      // Refused (too dense still, the rate limit): a gap in the background, never the
      // route undrawn; the panel says the network is shown in part.
      into.partly = true;
    }
  }

  async function askNetwork(around) {
    const plan = networkBoxes(around);
    const into = { seen: new Set(), lines: [], partly: plan.partly };
    for (const box of plan.boxes) {
      await askBox(box, 0, into);
    }
    return { lines: into.lines, partly: into.partly };
  }

  // --- drawing --------------------------------------------------------------------------

  function ensureMap() {
    if (map) {
      return;
    }
    map = L.map('map', { zoomSnap: 0.25 }).setView([62.0, 15.0], 5);
    map.attributionControl.setPrefix('Leaflet');
    map.attributionControl.addAttribution('© OpenStreetMap contributors');
    if (config.tile_url) {
      L.tileLayer(config.tile_url, { maxZoom: 19, referrerPolicy: 'no-referrer' }).addTo(map);
    }
  }

  function latLngs(route) {
    return route.geometry.coordinates.map(([lon, lat]) => [lat, lon]);
  }

  /** A piece's or crossing's text in the page's language (the API gives both). */
  function worded(item, field) {
    return (language === 'sv' ? item[field + '_sv'] : item[field]) || item[field];
  }

  /** The places on a route unsafe for the band, once each, in the page's language. */
  function unsafeOn(route) {
    const texts = route.properties.pieces.filter((p) => !p.safe).map((p) => worded(p, 'reason'))
      .concat(route.properties.crossings.filter((c) => !c.safe)
        .map((c) => worded(c, 'road') + ': ' + worded(c, 'reason')));
    return [...new Set(texts)];
  }

  function addRoute(layers, route, className) {
    const ll = latLngs(route);
    const safe = route.properties.route_kind === 'safe';
    const meters = safe ? route.properties.safe_distance_m : route.properties.plain_distance_m;
    // The line itself tells what it is; a piece not drawn red on it is safe for the band.
    L.polyline(ll, { className })
      .bindTooltip(lines(t(safe ? 'route_tip_safe' : 'route_tip_plain'), metres(meters)), { sticky: true })
      .addTo(layers);
    for (const piece of route.properties.pieces) {
      if (!piece.safe) {
        L.polyline(ll.slice(piece.first, piece.last + 1), { className: 'unsafe' })
          .bindTooltip(lines(t('unsafe_piece'), worded(piece, 'reason')), { sticky: true })
          .addTo(layers);
      }
    }
  }

  function addCrossings(layers, routes) {
    const seen = new Set();
    for (const route of routes) {
      for (const c of route.properties.crossings) {
        const id = c.lon + ',' + c.lat;
        if (seen.has(id)) {
          continue;
        }
        seen.add(id);
        L.circleMarker([c.lat, c.lon], {
          radius: 6,
          className: 'crossing crossing-' + c.control + (c.safe ? '' : ' crossing-unsafe'),
        }).bindTooltip(lines(t('controls')[c.control] || c.control,
          (c.road ? t('crossing_over') + ' ' + worded(c, 'road') : ''),
          c.safe ? t('crossing_safe') : t('crossing_unsafe') + (c.reason ? ': ' + worded(c, 'reason') : '')))
          .addTo(layers);
      }
    }
  }

  function draw(network, routes, school, refit) {
    if (drawn) {
      drawn.remove();
    }
    drawn = L.featureGroup();
    if (network.lines.length > 0) {
      L.polyline(network.lines, { className: 'network', interactive: false }).addTo(drawn);
    }
    if (routes.plain) {
      addRoute(drawn, routes.plain, 'route-plain');
    }
    const decidedKind = routes.decided.properties.route_kind;
    addRoute(drawn, routes.decided, decidedKind === 'safe' ? 'route-safe' : 'route-plain');
    addCrossings(drawn, [routes.decided, routes.plain].filter((r) => r));
    for (const e of (school ? school.entrance_points : [])) {
      L.circleMarker([e.lat, e.lon], { radius: 7, className: 'entrance' })
        .bindTooltip(lines(t('entrance') + ' – ' + school.name, e.on_network ? '' : t('entrance_off')))
        .addTo(drawn);
    }
    const start = routes.decided.geometry.coordinates[0];
    L.circleMarker([start[1], start[0]], { radius: 6, className: 'start' }).bindTooltip(lines(t('start_point'))).addTo(drawn);
    drawn.addTo(map);
    routeBounds = L.latLngBounds(latLngs(routes.decided).concat(routes.plain ? latLngs(routes.plain) : []));
    for (const e of (school ? school.entrance_points : [])) {
      routeBounds.extend([e.lat, e.lon]);
    }
    if (refit) {
      map.fitBounds(routeBounds, { padding: [30, 30] });
    }
  }

  // --- one question, start to end -------------------------------------------------------

  function failed(error) {
    // Only a fetch that got no answer at all is "unreachable"; anything else is named.
    const code = error instanceof ApiFailure ? error.code : 'bad_answer';
    body.dataset.error = code;
    body.dataset.state = 'error';
    if (code === 'unknown_school' || code === 'unknown_grade' || code === 'invalid_field') {
      say(code, error.message); // the server's words name the value (English)
    } else if (TEXT.sv[code] && code !== 'bad_answer') {
      say(code);
    } else {
      say('bad_answer', (error.status || '') + (error.message ? ': ' + error.message : ''));
    }
  }

  /** The plain route beside a safe one, when it is another line; null when it is the same or not given. */
  async function plainBeside(q, decided) {
    if (decided.properties.route_kind !== 'safe') {
      return null;
    }
    try {
      const plain = await ask(routePath(q, 'plain'));
      const same = JSON.stringify(plain.geometry.coordinates) === JSON.stringify(decided.geometry.coordinates);
      return same ? null : plain;
    } catch (e) {
      return null; // the decided route is still drawn
    }
  }

  async function show(q) {
    const question = ++asked;
    const current = () => question === asked;
    delete body.dataset.error;
    if (drawn) {
      drawn.remove();
      drawn = null;
    }
    last = null;
    drawPanel();
    if (!sessionStorage.getItem(KEY_STORAGE)) {
      body.dataset.state = 'error';
      body.dataset.error = 'no_key';
      say('no_key');
      return;
    }
    const missing = ['token', 'school', 'grade'].filter((name) => !q[name]);
    if (missing.length > 0) {
      body.dataset.state = 'error';
      body.dataset.error = 'missing';
      say('missing', missing.map((name) => t(name)).join(', '));
      return;
    }
    body.dataset.state = 'loading';
    say('loading');
    try {
      const distance = await ask('/v1/tokens/' + encodeURIComponent(q.token) + '/distance?school=' +
        encodeURIComponent(q.school) + '&grade=' + encodeURIComponent(q.grade));
      const listing = await ask('/v1/schools');
      if (!current()) {
        return;
      }
      const school = listing.schools.find((s) => s.school_id === distance.school_id) || null;
      last = { distance, school, routes: null };
      drawPanel();
      const decided = await ask(routePath(q, ''));
      // The plain route beside the safe one when they differ: where it is unsafe is why the safe one is measured.
      const plain = await plainBeside(q, decided);
      const routes = { decided, plain };
      const around = [decided.geometry.coordinates].concat(plain ? [plain.geometry.coordinates] : [])
        .concat(school ? school.entrance_points.map((e) => [[e.lon, e.lat]]) : []);
      const network = await askNetwork(around);
      if (!current()) {
        return;
      }
      last.routes = routes;
      last.network = network;
      drawPanel();
      draw(network, routes, school, true);
      say('ready', network.partly ? t('network_partly') : '');
      body.dataset.state = 'ready';
    } catch (error) {
      if (current()) {
        failed(error);
      }
    }
  }

  function query() {
    return {
      token: $('token').value.trim(),
      school: $('school').value.trim(),
      grade: $('grade').value.trim(),
    };
  }

  function start() {
    const fragment = readFragment();
    language = fragment.get('lang') === 'en' ? 'en' : 'sv';
    applyLanguage();
    for (const name of ['token', 'school', 'grade']) {
      $(name).value = fragment.get(name) || '';
    }
    if (sessionStorage.getItem(KEY_STORAGE)) {
      $('key').placeholder = '••••••••';
    }
    $('ask').addEventListener('submit', (event) => {
      event.preventDefault();
      const typed = $('key').value;
      if (typed) {
        sessionStorage.setItem(KEY_STORAGE, typed);
        $('key').value = '';
        $('key').placeholder = '••••••••';
      }
      const q = query();
      writeFragment(q);
      show(q);
    });
    $('language').addEventListener('click', () => {
      language = language === 'sv' ? 'en' : 'sv';
      applyLanguage();
      writeFragment(query());
      drawPanel();
      say(...said);
      if (last && last.routes && drawn) {
        draw(last.network, last.routes, last.school, false); // the tooltips in the other language
      }
    });
    $('print').addEventListener('click', () => window.print());
    // The printed sheet has its own map size: fit the route to it.
    const refit = () => {
      if (map) {
        map.invalidateSize();
        if (routeBounds) {
          map.fitBounds(routeBounds, { padding: [20, 20] });
        }
      }
    };
    window.addEventListener('beforeprint', refit);
    window.matchMedia('print').addEventListener('change', refit);
    ensureMap();
    const fromFragment = () => {
      const q = query();
      if (q.token && q.school && q.grade) {
        show(q);
      }
    };
    // An address edited by hand, or opened from the case system with another token.
    window.addEventListener('hashchange', () => {
      const changed = readFragment();
      for (const name of ['token', 'school', 'grade']) {
        $(name).value = changed.get(name) || '';
      }
      fromFragment();
    });
    fromFragment();
  }

  if (typeof L === 'undefined') {
    return; // the page says why: Leaflet (libjs-leaflet) is not installed on the server
  }
  fetch('/map/config.json', { cache: 'no-store' })
    .then((answer) => answer.json())
    .then((answer) => { config = Object.assign(config, answer); })
    .catch(() => {})
    .then(start);
}());
