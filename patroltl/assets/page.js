/* patroltl's HTML page: the filters, the list and the map (Leaflet with clustered markers).
   Every piece of article text in the page is HTML-escaped by the template; this script only ever
   copies it with textContent, never as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ptl-data").textContent);
  var rows = Array.prototype.slice.call(document.querySelectorAll("li.ev"));
  var byId = {};
  rows.forEach(function (li) { byId[li.dataset.id] = li; });
  function textOf(li) {  // read when a text filter first needs it: 10,000 rows' text costs at load
    if (li.ptlText === undefined) { li.ptlText = li.textContent.toLowerCase(); }
    return li.ptlText;
  }
  var mapEl = document.getElementById("map");
  var map = null, cluster = null, markers = {}, selected = null;

  function checked(id) {
    var s = {};
    document.querySelectorAll("#" + id + " input[type=checkbox]").forEach(function (i) {
      if (i.checked) { s[i.value] = true; }
    });
    return s;
  }
  function any(list, set) {
    return list.split(" ").some(function (k) { return set[k] === true; });
  }

  function popup(id) {
    var li = byId[id], box = document.createElement("div");
    var head = document.createElement("strong");
    head.textContent = li.querySelector(".d").textContent + " · " + li.querySelector(".t").textContent;
    var summary = document.createElement("div");
    summary.className = "pop-sum";
    summary.textContent = li.querySelector(".sum").textContent;
    var place = li.querySelector(".p");
    var where = document.createElement("div");
    where.textContent = place ? place.textContent : "";
    var link = document.createElement("a");
    link.href = "#ev-" + id;
    link.textContent = "show in the list";
    link.addEventListener("click", function (e) { e.preventDefault(); select(id, false); });
    box.appendChild(head); box.appendChild(summary); box.appendChild(where); box.appendChild(link);
    return box;
  }

  function select(id, fromList) {
    if (selected && byId[selected]) { byId[selected].classList.remove("sel"); }
    selected = id;
    var li = byId[id];
    li.classList.add("sel");
    if (!fromList) { li.scrollIntoView({block: "center"}); }
    document.getElementById("selected").textContent = li.querySelector(".sum").textContent;
    if (fromList && markers[id] && cluster.hasLayer(markers[id])) {
      cluster.zoomToShowLayer(markers[id], function () { markers[id].openPopup(); });
    }
  }

  function buildMap() {
    if (typeof L === "undefined" || !mapEl) { return; }
    map = L.map(mapEl, {zoomSnap: 0.25, worldCopyJump: false, maxZoom: 13, minZoom: 3});
    L.geoJSON(data.basemap, {
      interactive: false,
      style: function () { return {color: "#7d8590", weight: 0.8, fillColor: "#efece4", fillOpacity: 1}; }
    }).addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Basemap: Natural Earth · Leaflet");
    cluster = L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 36});
    data.markers.forEach(function (m) {
      var id = m[0];
      var mk = L.marker([m[1], m[2]], {
        icon: L.divIcon({className: "ev-marker ty-" + m[3], iconSize: [14, 14], html: ""}),
        title: byId[id] ? byId[id].querySelector(".sum").textContent : id,
        keyboard: true
      });
      mk.ptlId = id;
      mk.bindPopup(function () { return popup(id); });
      mk.on("click", function () { select(id, false); });
      markers[id] = mk;
    });
    cluster.addLayers(Object.keys(markers).map(function (id) { return markers[id]; }));
    cluster.addTo(map);
    map.on("moveend", function () { if (document.getElementById("f-inview").checked) { apply(false); } });
    var b = data.bounds;
    map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
  }

  function shownMarkers(visible) {
    var list = [];
    visible.forEach(function (id) { if (markers[id]) { list.push(markers[id]); } });
    return list;
  }

  function fit(list) {
    if (!map) { return; }
    if (list.length === 0) { return; }
    var group = L.featureGroup(list);
    // no animation: a filter refits on every keystroke, and a zoom still running when the next one
    // starts (or when a marker is clicked) re-renders the clusters and closes an open popup
    map.fitBounds(group.getBounds().pad(0.15), {maxZoom: 9, animate: false});
  }

  function apply(refit) {
    var types = checked("f-types"), srcs = checked("f-outlets"), sides = checked("f-sides");
    var from = document.getElementById("f-from").value, to = document.getElementById("f-to").value;
    var words = document.getElementById("f-text").value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var inView = document.getElementById("f-inview").checked && map ? map.getBounds() : null;
    var visible = [];
    rows.forEach(function (li) {
      var d = li.dataset, ok = types[d.type] === true && any(d.src, srcs) && any(d.sides, sides);
      if (ok && (from || to)) {
        // interval overlap: an event whose candidate days reach into [from, to] is kept
        ok = d.start !== "" && (!from || d.end >= from) && (!to || d.start <= to);
      }
      if (ok && words.length) {
        ok = words.every(function (w) { return textOf(li).indexOf(w) >= 0; });
      }
      if (ok && inView) {
        ok = markers[d.id] !== undefined && inView.contains(markers[d.id].getLatLng());
      }
      li.hidden = !ok;
      if (ok) { visible.push(d.id); }
    });
    document.querySelectorAll("section.period").forEach(function (sec) {
      sec.hidden = sec.querySelector("li.ev:not([hidden])") === null;
    });
    document.querySelectorAll("h2.year").forEach(function (h) {
      h.hidden = document.querySelector("section.period[data-year='" + h.dataset.year + "']:not([hidden])") === null;
    });
    var list = shownMarkers(visible);
    if (cluster) {
      cluster.clearLayers();
      cluster.addLayers(list);
      if (refit && !inView) { fit(list); }
    }
    mapEl.dataset.markers = String(list.length);
    document.getElementById("shown").textContent = String(visible.length);
    document.getElementById("shown-map").textContent = String(list.length);
  }

  function all(id, value) {
    document.querySelectorAll("#" + id + " input[type=checkbox]").forEach(function (i) { i.checked = value; });
    apply(true);
  }

  buildMap();
  document.querySelectorAll("#filters input").forEach(function (i) {
    i.addEventListener(i.type === "search" ? "input" : "change", function () { apply(i.id !== "f-inview"); });
  });
  document.querySelectorAll("button[data-all]").forEach(function (b) {
    b.addEventListener("click", function () { all(b.dataset.all, b.dataset.value === "1"); });
  });
  document.getElementById("f-reset").addEventListener("click", function () {
    document.querySelectorAll("#filters input[type=checkbox]").forEach(function (i) { i.checked = i.id !== "f-inview"; });
    document.querySelectorAll("#filters input[type=date], #filters input[type=search]").forEach(function (i) { i.value = ""; });
    apply(true);
  });
  document.querySelectorAll("button.onmap").forEach(function (b) {
    b.addEventListener("click", function () { select(b.dataset.id, true); });
  });
  // everything is shown at first: the filters run when one changes, not at load
  mapEl.dataset.markers = String(Object.keys(markers).length);
  document.body.dataset.ready = "1";
}());
