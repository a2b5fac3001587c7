// The provider console's upload with live progress: the form still posts on its own without
// script; with script the file goes to the streaming load API, the <progress> follows the upload,
// and the load history is read again from this page once the load is done.
(function () {
    'use strict';

    var form = document.getElementById('upload-form');
    if (!form || !window.XMLHttpRequest || !window.FormData) {
        return;
    }

    var progress = document.getElementById('upload-progress');
    var status = document.getElementById('upload-status');
    var input = document.getElementById('upload-file');
    var button = form.querySelector('button[type=submit]');

    function fill(pattern) {
        var values = Array.prototype.slice.call(arguments, 1);
        return pattern.replace(/\{(\d+)\}/g, function (_, i) { return String(values[Number(i)]); });
    }

    function say(text) {
        status.textContent = text;
    }

    // Replaces the load history, the rows-in-force line and the quality findings with this page's fresh copy.
    function refreshHistory() {
        return fetch(window.location.pathname, { credentials: 'same-origin' })
            .then(function (response) { return response.text(); })
            .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, 'text/html');
                ['load-history', 'data-summary', 'quality-section'].forEach(function (id) {
                    var now = document.getElementById(id);
                    var next = fresh.getElementById(id);
                    if (now && next) {
                        now.replaceWith(document.importNode(next, true));
                    }
                });
            });
    }

    function problemText(xhr) {
        try {
            var problem = JSON.parse(xhr.responseText);
            return problem.detail || problem.title || String(xhr.status);
        } catch (e) {
            return String(xhr.status) + ' ' + xhr.statusText;
        }
    }

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (!input.files || input.files.length === 0) {
            say(form.dataset.msgChoose);
            input.focus();
            return;
        }

        var file = input.files[0];
        var body = new FormData();
        body.append('file', file, file.name);
        var url = form.dataset.uploadUrl + '?fileName=' + encodeURIComponent(file.name);
        var mode = form.querySelector('select[name=Mode]');
        if (mode && mode.value) {
            url += '&mode=' + encodeURIComponent(mode.value);
        }

        var xhr = new XMLHttpRequest();
        xhr.open('POST', url);
        xhr.setRequestHeader('Accept', 'application/json');
        progress.hidden = false;
        progress.value = 0;
        button.disabled = true;
        say(form.dataset.msgSending);

        xhr.upload.addEventListener('progress', function (e) {
            if (e.lengthComputable) {
                var percent = Math.round(e.loaded * 100 / e.total);
                progress.value = percent;
                say(fill(form.dataset.msgProgress, percent));
            }
        });
        xhr.upload.addEventListener('load', function () {
            progress.value = 100;
            say(form.dataset.msgLoading);
        });
        xhr.addEventListener('load', function () {
            button.disabled = false;
            if (xhr.status === 201) {
                var load = JSON.parse(xhr.responseText);
                say(fill(form.dataset.msgDone, load.rowsLoaded, load.rowsRejected));
                form.reset();
                refreshHistory();
            } else {
                say(fill(form.dataset.msgFailed, problemText(xhr)));
                refreshHistory();
            }
        });
        xhr.addEventListener('error', function () {
            button.disabled = false;
            say(fill(form.dataset.msgFailed, xhr.statusText || 'network'));
        });
        xhr.send(body);
    });
}());
