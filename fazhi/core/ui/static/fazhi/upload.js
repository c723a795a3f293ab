/* Upload progress for the forms that send files (证据、材料、笔录).
 *
 * Without this script such a form is a plain multipart POST. With it, a submit that carries a
 * file is sent by XMLHttpRequest so that a <progress> bar shows how much has gone; the answer
 * (the record page after a redirect, or the page with the form's errors) then replaces the
 * document exactly as a plain submit would show it, message included.
 */
(function () {
  "use strict";

  function human(n) {
    var units = ["B", "KB", "MB", "GB"], i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(n < 10 ? 1 : 0)) + " " + units[i];
  }

  function hasFile(form) {
    var inputs = form.querySelectorAll('input[type="file"]');
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].files && inputs[i].files.length) return true;
    }
    return false;
  }

  function indicator(form) {
    var box = form.querySelector(".upload-progress");
    if (!box) {
      box = document.createElement("div");
      box.className = "upload-progress";
      box.setAttribute("role", "status");
      box.style.margin = "8px 0";
      box.innerHTML = '<progress max="100" value="0" style="width:240px;vertical-align:middle"></progress> <span class="muted"></span>';
      form.appendChild(box);
    }
    return { box: box, bar: box.querySelector("progress"), text: box.querySelector("span") };
  }

  function show(html, url) {
    if (url && url !== window.location.href) {
      window.history.pushState(null, "", url);
    }
    document.open();
    document.write(html);
    document.close();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement)) return;
    if ((form.enctype || "").toLowerCase() !== "multipart/form-data" || !hasFile(form)) return;
    if (!window.XMLHttpRequest || !window.FormData) return;
    event.preventDefault();

    var data;
    try { data = new FormData(form, event.submitter || undefined); } catch (e) { data = new FormData(form); }
    var buttons = form.querySelectorAll('button, input[type="submit"]');
    var ui = indicator(form);
    ui.bar.value = 0;
    ui.text.textContent = "正在上传…";
    buttons.forEach(function (b) { b.disabled = true; });

    var xhr = new XMLHttpRequest();
    xhr.open((form.getAttribute("method") || "post").toUpperCase(), form.action);
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var pct = Math.round((e.loaded / e.total) * 100);
      ui.bar.value = pct;
      ui.text.textContent = "正在上传 " + pct + "%（" + human(e.loaded) + " / " + human(e.total) + "）";
    });
    xhr.upload.addEventListener("load", function () {
      ui.bar.value = 100;
      ui.text.textContent = "已上传，正在保存并计算摘要…";
    });
    xhr.addEventListener("load", function () {
      var type = xhr.getResponseHeader("Content-Type") || "";
      if (type.indexOf("text/html") === 0) {
        // A refusal or invalid field comes back as the page with the bound form: show it in
        // place (the address stays the record page's, as after any step).
        var redirected = xhr.responseURL && xhr.responseURL !== form.action;
        show(xhr.responseText, redirected ? xhr.responseURL : "");
        return;
      }
      ui.text.textContent = "上传失败（" + xhr.status + "），请重试。";
      buttons.forEach(function (b) { b.disabled = false; });
    });
    xhr.addEventListener("error", function () {
      ui.text.textContent = "上传中断，请检查网络后重试。";
      buttons.forEach(function (b) { b.disabled = false; });
    });
    xhr.send(data);
  });
})();
