/*
 * Autocomplete for procedure names on any input[data-suggest-url] (ARIA 1.2 combobox
 * with a listbox popup). Without this file the input is a plain search field.
 */
(function () {
    "use strict";

    var DELAY_MS = 200;
    var MIN_LENGTH = 2;
    var counter = 0;

    function enhance(input) {
        counter += 1;
        var listId = "suggest-list-" + counter;
        var list = document.createElement("ul");
        var status = document.createElement("div");
        var wrapper = input.parentNode;
        var timer = null;
        var active = -1;
        var items = [];
        var lastQuery = "";

        list.id = listId;
        list.className = "suggest-list";
        list.setAttribute("role", "listbox");
        if (input.labels && input.labels.length) {
            list.setAttribute("aria-label", input.labels[0].textContent.trim());
        }
        list.hidden = true;
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        wrapper.classList.add("suggest");
        wrapper.appendChild(list);
        wrapper.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);

        function close() {
            list.hidden = true;
            active = -1;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
        }

        function highlight(index) {
            items.forEach(function (item, i) {
                item.setAttribute("aria-selected", i === index ? "true" : "false");
            });
            active = index;
            if (index >= 0) {
                input.setAttribute("aria-activedescendant", items[index].id);
                items[index].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function show(suggestions) {
            list.textContent = "";
            items = suggestions.map(function (suggestion, i) {
                var option = document.createElement("li");
                option.id = listId + "-" + i;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.dataset.url = suggestion.url;
                var code = document.createElement("span");
                code.className = "suggest-list__code";
                code.textContent = suggestion.code;
                option.appendChild(document.createTextNode(suggestion.title + " "));
                option.appendChild(code);
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault(); // keep focus in the input until we navigate
                    window.location.assign(suggestion.url);
                });
                list.appendChild(option);
                return option;
            });
            var template = input.dataset.suggestStatus || "{count}";
            status.textContent = template.replace("{count}", String(items.length));
            if (items.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                active = -1;
            } else {
                close();
            }
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query === lastQuery) {
                return;
            }
            lastQuery = query;
            if (query.length < MIN_LENGTH) {
                show([]);
                return;
            }
            var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(query);
            fetch(url, { headers: { Accept: "application/json" } })
                .then(function (response) {
                    return response.ok ? response.json() : { suggestions: [] };
                })
                .then(function (data) {
                    if (input.value.trim() === query) {
                        show(data.suggestions || []);
                    }
                })
                .catch(function () {
                    close();
                });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DELAY_MS);
        });

        input.addEventListener("keydown", function (event) {
            if (event.key === "ArrowDown" && items.length) {
                event.preventDefault();
                if (list.hidden) {
                    list.hidden = false;
                    input.setAttribute("aria-expanded", "true");
                }
                highlight((active + 1) % items.length);
            } else if (event.key === "ArrowUp" && items.length && !list.hidden) {
                event.preventDefault();
                highlight(active <= 0 ? items.length - 1 : active - 1);
            } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
                event.preventDefault();
                window.location.assign(items[active].dataset.url);
            } else if (event.key === "Escape" && !list.hidden) {
                event.preventDefault();
                close();
            }
        });

        input.addEventListener("blur", function () {
            window.setTimeout(close, 100);
        });
    }

    function init() {
        var inputs = document.querySelectorAll("input[data-suggest-url]");
        Array.prototype.forEach.call(inputs, enhance);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
