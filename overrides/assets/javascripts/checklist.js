// The decision checklist (partials/checklist.html), on its page only: one question at a time
// with the address naming the step and the answers kept in the history entry (Back, reload),
// a recap on the outcome, the proposal kit's copy buttons, and the ticks remembered per
// language in this browser. Without it the whole tree is plain links; nothing is sent anywhere.
(function () {
  "use strict";

  var root = document.querySelector("[data-checklist]");
  if (!root) {
    return;
  }

  function setUpTicks() {
    var prefix = "paid-on-time:checklist:" + root.getAttribute("data-checklist-language") + ":";
    var boxes = root.querySelectorAll("input[data-checklist-item]");
    var controls = root.querySelector(".checklist-controls");
    var status = root.querySelector("[data-checklist-status]");
    var storage;
    try {
      storage = window.localStorage;
      storage.getItem(prefix);
    } catch (error) {
      return; // storage is switched off: the boxes still work, they are just not remembered
    }

    // A full or newly blocked storage only means the tick is not remembered.
    function remember(key, ticked) {
      try {
        if (ticked) {
          storage.setItem(key, "1");
        } else {
          storage.removeItem(key);
        }
      } catch (error) {
        // nothing to do: the page works without storage
      }
    }

    boxes.forEach(function (box) {
      var key = prefix + box.getAttribute("data-checklist-item");
      box.checked = storage.getItem(key) === "1";
      box.addEventListener("change", function () {
        remember(key, box.checked);
        status.textContent = "";
      });
    });

    controls.hidden = false;
    root.querySelector("[data-checklist-clear]").addEventListener("click", function () {
      boxes.forEach(function (box) {
        box.checked = false;
        remember(prefix + box.getAttribute("data-checklist-item"), false);
      });
      status.textContent = controls.getAttribute("data-cleared") || "";
    });
  }

  // The Clipboard API where the page may use it, else a selected hidden text field.
  function copy(text) {
    function bySelection() {
      var field = document.createElement("textarea");
      var focused = document.activeElement;
      field.value = text;
      field.className = "checklist-copy-field";
      document.body.appendChild(field);
      field.select();
      var copied = document.execCommand("copy");
      field.remove();
      focused.focus();
      return copied ? Promise.resolve() : Promise.reject(new Error("not copied"));
    }
    return navigator.clipboard && window.isSecureContext ?
      navigator.clipboard.writeText(text).catch(bySelection) : bySelection();
  }

  function setUpKits() {
    var kits = root.querySelectorAll("[data-checklist-kit]");

    // Every kit shows the sentence and client page in one language.
    function choose(language) {
      kits.forEach(function (kit) {
        kit.querySelectorAll("input[type=radio]").forEach(function (radio) {
          radio.checked = radio.value === language;
        });
        kit.querySelectorAll("[data-kit-text]").forEach(function (text) {
          text.hidden = text.getAttribute("lang") !== language;
        });
      });
    }

    kits.forEach(function (kit) {
      var status = kit.querySelector("[role=status]");

      function copyAndSay(text) {
        status.textContent = "";
        copy(text).then(function () {
          status.textContent = root.getAttribute("data-copied");
        }, function () {
          status.textContent = root.getAttribute("data-copy-failed");
        });
      }

      kit.querySelectorAll("[hidden]:not([data-kit-text])").forEach(function (part) {
        part.hidden = false;
      });
      kit.addEventListener("change", function (event) {
        choose(event.target.value);
      });
      kit.querySelector("[data-kit-copy]").addEventListener("click", function () {
        var shown = kit.querySelector("[data-kit-text]:not([hidden])");
        copyAndSay(shown.querySelector("[data-kit-sentence]").textContent.trim() + "\n" +
                   shown.querySelector("[data-kit-address]").getAttribute("href"));
      });
      kit.querySelector("[data-kit-copy-link]").addEventListener("click", function (event) {
        copyAndSay(event.currentTarget.getAttribute("data-kit-copy-link"));
      });
    });
    // A reload may bring back the language last ticked.
    var ticked = root.querySelector("[data-checklist-kit] input[type=radio]:checked");
    if (ticked) {
      choose(ticked.value);
    }
  }

  function setUpGuide() {
    var start = root.getAttribute("data-checklist-start");
    var steps = {}; // question or outcome id → its element
    var answers = {}; // answer id → {question, next, label}
    var progress = root.querySelector(".checklist-progress");
    var previous = root.querySelector("[data-checklist-previous]");
    var recap = root.querySelector("[data-checklist-recap]");
    var showAll = root.querySelector("[data-checklist-all]");
    var state = {answers: [], view: start, all: false};
    var longest = {};

    root.querySelectorAll(".checklist-question").forEach(function (question) {
      steps[question.id] = question;
      question.querySelectorAll(".checklist-answers a").forEach(function (link) {
        answers[link.id] = {question: question.id, next: link.getAttribute("href").slice(1),
                            label: link.firstChild.nodeValue.trim()};
      });
    });
    root.querySelectorAll(".checklist-outcome").forEach(function (outcome) {
      steps[outcome.getAttribute("aria-labelledby")] = outcome;
    });

    function isQuestion(id) {
      return steps[id].classList.contains("checklist-question");
    }

    // The most questions still to answer from this step on.
    function questionsLeft(id) {
      if (!isQuestion(id)) {
        return 0;
      }
      if (longest[id] === undefined) {
        longest[id] = 1 + Object.keys(answers).reduce(function (most, answer) {
          return answers[answer].question === id ?
            Math.max(most, questionsLeft(answers[answer].next)) : most;
        }, 0);
      }
      return longest[id];
    }

    // The answers as far as they make a path from the first question, and its steps.
    function trail(given) {
      var path = {answers: [], steps: [start]};
      (given || []).every(function (answer) {
        var known = answers[answer];
        if (!known || known.question !== path.steps[path.steps.length - 1]) {
          return false;
        }
        path.answers.push(answer);
        path.steps.push(known.next);
        return true;
      });
      return path;
    }

    function fillRecap(path) {
      var list = recap.querySelector("ol");
      list.textContent = "";
      path.answers.forEach(function (answer, index) {
        var question = steps[path.steps[index]];
        var item = document.createElement("li");
        var change = document.createElement("a");
        var label = document.createElement("span");
        item.textContent = question.querySelector(".checklist-question__text").textContent + " ";
        change.href = "#" + question.id;
        change.textContent = answers[answer].label + " ";
        label.className = "checklist-recap__change";
        label.textContent = "(" + recap.getAttribute("data-change") + ")";
        change.appendChild(label);
        item.appendChild(change);
        list.appendChild(item);
      });
    }

    function render() {
      var path = trail(state.answers);
      var atOutcome = !isQuestion(state.view);
      var place = path.steps.indexOf(state.view);
      root.classList.add("checklist--guided");
      root.classList.toggle("checklist--at-outcome", atOutcome);
      root.classList.toggle("checklist--all-outcomes", state.all);
      Object.keys(steps).forEach(function (id) {
        steps[id].classList.toggle("is-current", id === state.view);
      });
      Object.keys(answers).forEach(function (id) {
        var link = document.getElementById(id);
        if (path.answers.indexOf(id) >= 0) {
          link.setAttribute("aria-current", "true");
        } else {
          link.removeAttribute("aria-current");
        }
      });
      progress.hidden = atOutcome;
      if (!atOutcome) {
        progress.querySelector("[data-checklist-progress]").textContent = progress
          .getAttribute("data-progress").replace("{number}", place + 1)
          .replace("{total}", place + questionsLeft(state.view));
        previous.hidden = place < 1;
        previous.href = "#" + path.steps[Math.max(place - 1, 0)];
      }
      recap.hidden = !atOutcome || place < 1;
      if (!recap.hidden) {
        fillRecap(path);
        steps[state.view].querySelector(".checklist-kit").insertAdjacentElement("afterend", recap);
      }
      showAll.parentNode.hidden = !atOutcome;
      showAll.textContent = showAll.getAttribute(state.all ? "data-hide" : "data-show");
    }

    function reveal(focus) {
      var step = steps[state.view];
      var target = isQuestion(state.view) ? step.querySelector(".checklist-question__text") :
        step.querySelector("h3");
      var top = target.getBoundingClientRect().top;
      if (focus) {
        target.setAttribute("tabindex", "-1");
        target.focus({preventScroll: true});
      }
      if (top < 0 || top > window.innerHeight / 2) {
        (isQuestion(state.view) ? progress : step).scrollIntoView({block: "start"});
      }
    }

    // The state from the address's #step and its entry's answers; false for another section.
    function apply(hash, given) {
      var id = decodeURIComponent(hash.slice(1));
      var path = trail(given);
      if (id === "outcomes") {
        state = {answers: path.answers, view: state.view, all: true};
        return true;
      }
      if (id && !steps[id]) {
        return false;
      }
      if (!id || path.steps.indexOf(id) >= 0) {
        state = {answers: path.answers, view: id || start, all: false};
      } else if (isQuestion(id)) {
        state = {answers: path.answers, view: start, all: false}; // its answers are unknown
      } else {
        state = {answers: [], view: id, all: false}; // a shared link to an outcome
      }
      return true;
    }

    function go(given, view) {
      state = {answers: given, view: view, all: false};
      history.pushState({checklist: given}, "", "#" + view);
      render();
      reveal(true);
    }

    root.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var id = link && decodeURIComponent(link.getAttribute("href").slice(1));
      if (!link || !steps[id] || link.classList.contains("headerlink") || event.button ||
          event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
        return;
      }
      event.preventDefault();
      var given = state.answers;
      var answer = link.closest(".checklist-answers") && answers[link.id];
      if (answer) {
        var place = trail(given).steps.indexOf(answer.question);
        if (given[place] !== link.id) {
          given = given.slice(0, place).concat(link.id);
        }
      }
      go(given, id);
    });

    showAll.addEventListener("click", function () {
      state.all = !state.all;
      render();
    });

    // Back and Forward bring their entry's answers, keeping later ones marked until changed;
    // a link to a #step in the page keeps the answers given so far.
    window.addEventListener("popstate", function (event) {
      var given = event.state && event.state.checklist;
      if (!given || given.every(function (answer, index) {
        return state.answers[index] === answer;
      })) {
        given = state.answers;
        history.replaceState({checklist: given}, "");
      }
      if (apply(location.hash, given)) {
        render();
        reveal(false);
      }
    });

    history.scrollRestoration = "manual";
    var named = apply(location.hash, history.state && history.state.checklist) &&
      location.hash !== "";
    if (named && location.hash !== "#outcomes") {
      history.replaceState({checklist: state.answers}, "", "#" + state.view);
    } else {
      history.replaceState({checklist: state.answers}, "");
    }
    render();
    if (named) {
      reveal(false);
    }
  }

  setUpTicks();
  setUpKits();
  setUpGuide();
})();
