/* SINTREN back office: the supporting-documents viewer of a request (BO-3).

   Every link with data-penampil opens its image in the page's <dialog id="penampil">
   instead of a new tab: zoom (- / +), rotate by 90 degrees, previous / next across all
   the request's files, Esc or Tutup to close. Without JavaScript (or without <dialog>)
   the links open the file itself. Styles are set through the CSSOM, which the CSP
   (style-src 'self') allows. */
(function () {
  "use strict";
  var dialog = document.getElementById("penampil");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var links = Array.prototype.slice.call(document.querySelectorAll("a[data-penampil]"));
  var area = dialog.querySelector(".bo-penampil-area");
  var img = dialog.querySelector(".bo-penampil-gambar");
  var title = dialog.querySelector(".bo-penampil-judul");
  var info = dialog.querySelector(".bo-penampil-info");
  var ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3, 4];
  var state = { index: 0, zoom: 2, turn: 0, opener: null };

  function layout() {
    var w = img.naturalWidth;
    var h = img.naturalHeight;
    if (!w || !h) {
      return;
    }
    var sideways = state.turn % 2 === 1;
    var room = Math.max(area.clientWidth - 8, 120);
    var fit = Math.min(1, room / (sideways ? h : w));
    var scale = fit * ZOOMS[state.zoom];
    var dw = Math.round(w * scale);
    var dh = Math.round(h * scale);
    var box = img.parentNode;
    img.style.width = dw + "px";
    img.style.height = dh + "px";
    box.style.width = (sideways ? dh : dw) + "px";
    box.style.height = (sideways ? dw : dh) + "px";
    img.style.left = ((sideways ? dh : dw) - dw) / 2 + "px";
    img.style.top = ((sideways ? dw : dh) - dh) / 2 + "px";
    img.style.transform = "rotate(" + state.turn * 90 + "deg)";
    info.textContent =
      (state.index + 1) + " / " + links.length + " · " + Math.round(ZOOMS[state.zoom] * 100) + "%";
  }

  function show(index) {
    state.index = (index + links.length) % links.length;
    state.turn = 0;
    state.zoom = 2;
    var link = links[state.index];
    title.textContent = link.getAttribute("data-judul") || "";
    img.alt = title.textContent;
    img.src = link.href;
  }

  var box = document.createElement("div");
  box.className = "bo-penampil-kotak";
  img.parentNode.insertBefore(box, img);
  box.appendChild(img);
  img.addEventListener("load", layout);

  var actions = {
    sebelumnya: function () { show(state.index - 1); },
    berikutnya: function () { show(state.index + 1); },
    perkecil: function () { state.zoom = Math.max(0, state.zoom - 1); layout(); },
    perbesar: function () { state.zoom = Math.min(ZOOMS.length - 1, state.zoom + 1); layout(); },
    putar: function () { state.turn = (state.turn + 1) % 4; layout(); },
    tutup: function () { dialog.close(); }
  };

  dialog.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-aksi]") : null;
    if (button && actions[button.getAttribute("data-aksi")]) {
      actions[button.getAttribute("data-aksi")]();
    }
  });
  dialog.addEventListener("keydown", function (event) {
    var keys = { ArrowLeft: "sebelumnya", ArrowRight: "berikutnya", "-": "perkecil",
      "+": "perbesar", "=": "perbesar", r: "putar" };
    var name = keys[event.key];
    if (name && !(event.target instanceof HTMLTextAreaElement)) {
      event.preventDefault();
      actions[name]();
    }
  });
  dialog.addEventListener("close", function () {
    img.removeAttribute("src");
    if (state.opener) {
      state.opener.focus();
    }
  });
  var single = links.length < 2;
  dialog.querySelector("[data-aksi=sebelumnya]").hidden = single;
  dialog.querySelector("[data-aksi=berikutnya]").hidden = single;

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
        return; /* a new tab stays a new tab */
      }
      event.preventDefault();
      state.opener = link;
      show(index);
      dialog.showModal();
    });
  });
  window.addEventListener("resize", function () {
    if (dialog.open) {
      layout();
    }
  });
})();
