/* SINTREN (DOC-4): "Upload Baru" shrinks a large JPEG/PNG here (longest side <= 2480 px,
   JPEG 0.85) and sends it with a progress bar; the server still checks everything. Without
   JavaScript, or when the photo cannot be read here, the form is sent as it is. */
(() => {
  "use strict";
  const MAX_SIDE = 2480, MAX_BYTES = 1.5 * 1048576;
  const form = document.querySelector("form[data-unggah-status]");
  const box = form && document.getElementById(form.dataset.unggahStatus);
  // Without EXIF rotation on decoding a redrawn photo could lie on its side.
  if (!box || !window.FormData || !window.CSS || !CSS.supports("image-orientation", "from-image")
      || !HTMLCanvasElement.prototype.toBlob) return;
  const $ = (el, sel) => el.querySelector(sel);
  const input = $(form, "input[type=file]"), button = $(form, "[type=submit]");
  const bar = $(box, "progress"), line = $(box, "[data-baris]"), sizes = $(box, "[data-ukuran-baris]");
  let job = null; // {file, shrunk: Promise<Blob|null> or null}

  const say = (key, values = {}, el = line) => {
    el.textContent = (box.dataset[key] || "").replace(/\{(\w+)\}/g, (_, k) => values[k]);
    box.hidden = false;
  };
  const mb = (n) => (n / 1048576).toFixed(1).replace(".", ",") + " MB";

  // The CSP allows data: images, not blob: ones.
  const viaImg = (file) => new Promise((resolve, reject) => {
    const reader = new FileReader(), img = new Image();
    img.onload = () => resolve(img);
    img.onerror = reader.onerror = reject;
    reader.onload = () => { img.src = reader.result; };
    reader.readAsDataURL(file);
  });
  const decode = async (file) => {
    try { return await createImageBitmap(file, {imageOrientation: "from-image"}); } catch (e) {
      return viaImg(file);
    }
  };

  // The smaller JPEG, or null.
  const shrink = async (file) => {
    const src = await decode(file);
    const w = src.naturalWidth || src.width, h = src.naturalHeight || src.height;
    const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
    if (scale === 1 && file.size <= MAX_BYTES) return null;
    say("perkecil");
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(w * scale) || 1;
    canvas.height = Math.round(h * scale) || 1;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff"; // transparent PNG areas become white, as on the server
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(src, 0, 0, canvas.width, canvas.height);
    if (src.close) src.close(); // free the decoded photo now
    const blob = await new Promise((done) => canvas.toBlob(done, "image/jpeg", 0.85));
    line.textContent = "";
    if (!blob || blob.size >= file.size) return null;
    say("ukuran", {sebelum: mb(file.size), sesudah: mb(blob.size)}, sizes);
    return blob;
  };

  const prepare = () => {
    const file = input.files[0];
    sizes.textContent = "";
    job = file ? {file, shrunk: /\.(jpe?g|jfif|png)$/i.test(file.name) ? shrink(file) : null} : null;
    if (job && job.shrunk) job.shrunk.catch(() => {}); // handled on submit
    return job;
  };
  input.addEventListener("change", prepare);

  // The answer is a page (the detail page after the redirect, or this form with errors):
  // show it as a plain submit would, with its messages.
  const show = (xhr) => {
    document.open();
    document.write(xhr.responseText);
    document.close();
    history.replaceState(null, "", xhr.responseURL || location.href);
  };

  const send = (blob, file) => {
    const data = new FormData(form), xhr = new XMLHttpRequest();
    if (blob) data.set(input.name, blob, file.name.replace(/(\.[^.]*)?$/, ".jpg"));
    let shown = -5;
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.upload.onprogress = (e) => {
      const pct = e.lengthComputable ? Math.floor((100 * e.loaded) / e.total) : 0;
      bar.value = pct;
      if (pct >= shown + 5) say("kirim", {persen: (shown = pct)});
    };
    xhr.upload.onload = () => { bar.value = 100; say("proses"); };
    xhr.onload = () => show(xhr);
    xhr.onerror = xhr.onabort = () => { say("gagal"); button.disabled = false; };
    bar.value = 0;
    say("kirim", {persen: 0});
    xhr.send(data);
  };

  form.addEventListener("submit", async (event) => {
    const current = job && job.file === input.files[0] ? job : prepare();
    if (!current) return; // no file: the server names the missing field
    event.preventDefault();
    button.disabled = true;
    try {
      send(await current.shrunk, current.file);
    } catch (e) {
      box.hidden = true;
      form.submit(); // not readable here: the original, the plain way
    }
  });
})();
