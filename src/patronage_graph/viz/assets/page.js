/* patronage-graph page script: draws the network, shows hover text, highlights
 * neighbours, filters by tie kind and level. Data arrives as JSON (never as markup)
 * and every string from it reaches the DOM through textContent only. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pg-data").textContent);
  var DIM = "#dddddd";
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var hiddenTies = new Set();
  var hiddenBands = new Set();
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) { return !hiddenBands.has(n.band); }
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return !hiddenTies.has(e.tie); }
  });
  var container = document.getElementById("pg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  var api = { network: network, nodes: nodes, edges: edges, drawn: false, highlighted: [] };
  window.patronageGraph = api;

  network.once("afterDrawing", function () {
    api.drawn = true;
    api.drawnAt = performance.now();
    document.documentElement.setAttribute("data-drawn", "true");
  });
  // Physics only settles small pages; once settled the picture should hold still.
  network.on("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
  });

  /* Tooltip: a table of key/value text built with textContent. */
  var tip = document.getElementById("pg-tip");
  function showTip(info, pointer) {
    tip.textContent = "";
    var table = document.createElement("table");
    info.forEach(function (pair) {
      var row = table.insertRow();
      var th = document.createElement("th");
      th.textContent = pair[0];
      row.appendChild(th);
      row.insertCell().textContent = pair[1];
    });
    tip.appendChild(table);
    tip.style.left = Math.min(pointer.x + 14, container.clientWidth - 300) + "px";
    tip.style.top = (pointer.y + 14) + "px";
    tip.style.display = "block";
  }
  function hideTip() { tip.style.display = "none"; }
  network.on("hoverNode", function (p) { showTip(nodes.get(p.node).info, p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(edges.get(p.edge).info, p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);

  /* Click: keep the node and its neighbours in colour, grey out the rest. */
  function paint(keepNodes, keepEdges) {
    nodes.update(nodes.get({ fields: ["id", "baseColor"] }).map(function (n) {
      var on = keepNodes === null || keepNodes.has(n.id);
      return { id: n.id, color: { background: on ? n.baseColor : DIM, border: on ? "#333333" : DIM },
               font: { color: on ? "#222222" : "#bbbbbb" } };
    }));
    edges.update(edges.get({ fields: ["id", "baseColor", "baseOpacity"] }).map(function (e) {
      var on = keepEdges === null || keepEdges.has(e.id);
      return { id: e.id, color: { color: on ? e.baseColor : DIM, opacity: on ? e.baseOpacity : 0.4 } };
    }));
  }
  network.on("click", function (p) {
    if (p.nodes.length === 0) {
      api.highlighted = [];
      paint(null, null);
      return;
    }
    var id = p.nodes[0];
    var keep = new Set(network.getConnectedNodes(id));
    keep.add(id);
    api.highlighted = Array.from(keep);
    paint(keep, new Set(network.getConnectedEdges(id)));
  });

  /* Filters: checkboxes in the legend hide tie kinds and level bands. */
  document.querySelectorAll("input[data-tie]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) { hiddenTies.delete(box.dataset.tie); } else { hiddenTies.add(box.dataset.tie); }
      edgeView.refresh();
    });
  });
  document.querySelectorAll("input[data-band]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) { hiddenBands.delete(box.dataset.band); } else { hiddenBands.add(box.dataset.band); }
      nodeView.refresh();
    });
  });
})();
