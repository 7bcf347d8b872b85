package org.tiprouter.ingest.web;

import static org.tiprouter.ingest.web.HtmlPages.escape;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tiprouter.formats.web.WebFormDecoder;
import org.tiprouter.formats.web.WebFormDecoder.DecodedForm;

/**
 * The public tip form, rendered on the server: plain HTML that works without JavaScript, every
 * input with a label, hints and errors tied to their input ({@code aria-describedby}), groups in
 * fieldsets, and optional parts in {@code <details>} that a keyboard opens like a button. Field
 * names are the JSON contract's paths (see {@link WebFormDecoder}). Everything the user typed is
 * escaped before it is written back.
 */
final class TipFormPage {

  static final String TITLE = "Report the sexual abuse or exploitation of a child";
  /** Suspects and victims the form offers (the contract allows more through the API). */
  static final int PEOPLE_IN_FORM = 2;

  /** One problem to show: the form field it belongs to (null: the whole form) and plain words. */
  record Problem(String field, String message) {}

  /**
   * What to show.
   *
   * @param form what the user sent, to show again; null for an empty form
   * @param problems what is wrong, in page order
   * @param notice a message for the top of the page (not stored, too many reports...), or null
   * @param submissionId the hidden idempotency key this rendering of the form carries
   */
  record View(DecodedForm form, List<Problem> problems, String notice, String submissionId) {}

  private static final Map<String, String> INCIDENT_TYPES = new LinkedHashMap<>();
  private static final Map<String, String> ZONES = new LinkedHashMap<>();
  private static final Map<String, String> STATES = new LinkedHashMap<>();
  private static final Map<String, String> RELATIONSHIPS = new LinkedHashMap<>();

  static {
    INCIDENT_TYPES.put("ONLINE_ENTICEMENT", "An adult trying to get a child to do something sexual, online or to meet");
    INCIDENT_TYPES.put("CHILD_SEXUAL_ABUSE_MATERIAL", "Sexual pictures or videos of a child");
    INCIDENT_TYPES.put("SEXTORTION", "Threats to share a child's sexual pictures unless they send more or pay");
    INCIDENT_TYPES.put("CHILD_SEXUAL_MOLESTATION", "A child being sexually abused in person");
    INCIDENT_TYPES.put("CHILD_SEX_TRAFFICKING", "A child being sold or traded for sex");
    INCIDENT_TYPES.put("CHILD_SEX_TOURISM", "Someone travelling to sexually abuse children");
    INCIDENT_TYPES.put("UNSOLICITED_OBSCENE_MATERIAL_TO_CHILD", "Someone sending sexual material to a child");
    INCIDENT_TYPES.put("MISLEADING_DOMAIN_NAME", "A website name made to lead children to sexual content");
    INCIDENT_TYPES.put("MISLEADING_WORDS_OR_IMAGES", "Words or pictures online made to lead children to sexual content");
    INCIDENT_TYPES.put("OTHER", "Something else");

    ZONES.put("America/New_York", "Eastern time");
    ZONES.put("America/Chicago", "Central time");
    ZONES.put("America/Denver", "Mountain time");
    ZONES.put("America/Phoenix", "Arizona time");
    ZONES.put("America/Los_Angeles", "Pacific time");
    ZONES.put("America/Anchorage", "Alaska time");
    ZONES.put("Pacific/Honolulu", "Hawaii time");
    ZONES.put("America/Puerto_Rico", "Atlantic time (Puerto Rico, U.S. Virgin Islands)");
    ZONES.put("Pacific/Guam", "Chamorro time (Guam, Northern Mariana Islands)");
    ZONES.put("Pacific/Pago_Pago", "Samoa time");
    ZONES.put("UTC", "UTC");

    STATES.put("", "Choose a state (or leave empty)");
    String[] states = {"AL Alabama", "AK Alaska", "AS American Samoa", "AZ Arizona", "AR Arkansas", "CA California",
        "CO Colorado", "CT Connecticut", "DE Delaware", "DC District of Columbia", "FL Florida", "GA Georgia",
        "GU Guam", "HI Hawaii", "ID Idaho", "IL Illinois", "IN Indiana", "IA Iowa", "KS Kansas", "KY Kentucky",
        "LA Louisiana", "ME Maine", "MD Maryland", "MA Massachusetts", "MI Michigan", "MN Minnesota",
        "MS Mississippi", "MO Missouri", "MT Montana", "NE Nebraska", "NV Nevada", "NH New Hampshire",
        "NJ New Jersey", "NM New Mexico", "NY New York", "NC North Carolina", "ND North Dakota",
        "MP Northern Mariana Islands", "OH Ohio", "OK Oklahoma", "OR Oregon", "PA Pennsylvania", "PR Puerto Rico",
        "RI Rhode Island", "SC South Carolina", "SD South Dakota", "TN Tennessee", "TX Texas", "UT Utah",
        "VT Vermont", "VI U.S. Virgin Islands", "VA Virginia", "WA Washington", "WV West Virginia", "WI Wisconsin",
        "WY Wyoming"};
    for (String state : states) {
      STATES.put(state.substring(0, 2), state.substring(3));
    }

    RELATIONSHIPS.put("", "Prefer not to say");
    RELATIONSHIPS.put("PARENT", "A parent or carer of the child");
    RELATIONSHIPS.put("EDUCATOR", "A teacher or other school staff");
    RELATIONSHIPS.put("PUBLIC", "A member of the public");
    RELATIONSHIPS.put("THIRD_PARTY_GROUP", "Someone from a support group or other organisation");
    RELATIONSHIPS.put("OTHER", "Someone else");
  }

  private final ZoneId defaultZone;

  TipFormPage(ZoneId defaultZone) {
    this.defaultZone = defaultZone;
  }

  String render(View view) {
    return new Rendering(view).html();
  }

  /** One rendering of the form; holds the view while the HTML is written. */
  private final class Rendering {
    private final View view;
    private final Map<String, List<String>> problemsByField = new LinkedHashMap<>();
    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final Map<String, String> labels = new LinkedHashMap<>();

    Rendering(View view) {
      this.view = view;
      for (Problem problem : view.problems()) {
        if (problem.field() != null) {
          problemsByField.computeIfAbsent(problem.field(), f -> new ArrayList<>()).add(problem.message());
        }
      }
    }

    String html() {
      out.append("<form id=\"report\" method=\"post\" action=\"/\" accept-charset=\"utf-8\" autocomplete=\"off\" "
          + "novalidate>\n");
      out.append("<input type=\"hidden\" name=\"").append(WebFormDecoder.SUBMISSION_ID).append("\" value=\"")
          .append(escape(view.submissionId())).append("\">\n");
      whatHappened();
      wherePart();
      children();
      suspects();
      aboutYou();
      out.append("<div class=\"send\">\n<p>When you press <strong>Send report</strong>, your report is stored and "
          + "passed on to the police agency responsible. Nothing is sent until you press it.</p>\n"
          + "<button type=\"submit\">Send report</button>\n</div>\n</form>\n");
      String form = out.toString();
      out.setLength(0);
      out.append("<h1>").append(escape(TITLE)).append("</h1>\n");
      summary();
      introduction();
      out.append(form);
      return HtmlPages.page(view.problems().isEmpty() ? TITLE : "Error: " + TITLE, out.toString());
    }

    private void summary() {
      if (view.notice() != null) {
        out.append("<div class=\"notice\" role=\"alert\"><p>").append(escape(view.notice())).append("</p></div>\n");
      }
      if (view.problems().isEmpty()) {
        return;
      }
      out.append("<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\">\n"
          + "<h2 id=\"error-summary-title\">Your report has not been sent yet</h2>\n"
          + "<p>Please check the following, then press Send report again. What you typed is still here.</p>\n<ul>\n");
      for (Problem problem : view.problems()) {
        out.append("<li>");
        if (problem.field() != null) {
          out.append("<a href=\"#").append(idOf(problem.field())).append("\">").append(escape(where(problem.field())))
              .append(escape(problem.message())).append("</a>");
        } else {
          out.append(escape(problem.message()));
        }
        out.append("</li>\n");
      }
      out.append("</ul>\n</div>\n");
    }

    /** "Child 1, Child's age: " for the summary, so each entry says which field it is about. */
    private String where(String field) {
      String label = labels.get(field);
      if (label == null) {
        return "";
      }
      java.util.regex.Matcher person = java.util.regex.Pattern.compile("(suspects|victims)\\[(\\d+)\\]\\..*")
          .matcher(field);
      String who = person.matches()
          ? (person.group(1).equals("victims") ? "Child " : "Person ") + (Integer.parseInt(person.group(2)) + 1) + ", "
          : "";
      return who + label.replaceAll("[ ,]*(\\(optional\\)|\\(required\\)|, if you know it)$", "") + ": ";
    }

    private void introduction() {
      out.append("""
          <p class="lead">Tell us what you saw or know about a child being sexually abused or exploited, in person or
          online. Your report is passed on to the police agency responsible for the place where it happened.</p>
          <section class="guidance" aria-labelledby="before-you-start">
          <h2 id="before-you-start">Before you start</h2>
          <ul>
          <li><strong>You can stay anonymous.</strong> You do not have to give your name or any contact details.
          This site does not record your IP address or what browser or device you use. If you stay anonymous,
          investigators cannot contact you with questions, which can make a case harder to follow up.</li>
          <li><strong>Do not confront the person</strong>, and do not try to investigate or catch them yourself, for
          example by pretending to be a child online or arranging to meet. It can put you and the child in danger
          and can harm the case.</li>
          <li><strong>Do not collect, save, screenshot or send pictures or videos</strong> of a child being abused,
          even to report them. Having or sharing them can be a crime, and copying them can destroy evidence.
          Instead, tell us where you saw them: the website or app, the link, the account name, and when.</li>
          <li>Only the description is required. Fill in what you know and leave the rest empty.</li>
          </ul>
          <h2>What happens next</h2>
          <p>After you send the report you will see a receipt number. Your report is stored and sent to the police
          agency responsible for where it happened, or to a team that works out which agency that is. The police
          decide what to do. They may not contact you, and you will not get updates through this site. If you
          learn more later, send a new report and mention your receipt number.</p>
          <p>On a shared phone or computer? This page does not keep what you type once you close it.</p>
          </section>
          """);
    }

    private void whatHappened() {
      out.append("<fieldset>\n<legend><h2>What happened</h2></legend>\n");
      textArea(WebFormDecoder.DESCRIPTION, "What happened? (required)",
          "In your own words: what you saw or know, who was involved, where (in person, or which website, app or "
              + "game), and when. Include user names, links and what was said.", 10, true);
      checkboxes(WebFormDecoder.INCIDENT_TYPES, "What is it about? Tick any that fit (optional)", INCIDENT_TYPES);
      checkbox(WebFormDecoder.CHILD_IN_IMMEDIATE_DANGER, "A child is in danger right now",
          "If so, please also call 911 now.");
      field(WebFormDecoder.OCCURRED_AT, "When did it happen? (optional)",
          "If you do not know the exact date and time, leave this empty and say what you know in the description.",
          "<input type=\"datetime-local\" class=\"input-medium\"" + common(WebFormDecoder.OCCURRED_AT, true) + ">");
      String zone = valueOr(WebFormDecoder.OCCURRED_AT_ZONE, defaultZone.getId());
      Map<String, String> zones = new LinkedHashMap<>(ZONES);
      zones.putIfAbsent(defaultZone.getId(), defaultZone.getId());
      select(WebFormDecoder.OCCURRED_AT_ZONE, "Time zone of that date and time", null, zones, zone);
      out.append("</fieldset>\n");
    }

    private void wherePart() {
      out.append("<fieldset>\n<legend><h2>Where it happened (optional)</h2></legend>\n<p class=\"hint\">If it "
          + "happened online, you can leave this empty, or give where the child or the person is, further "
          + "down.</p>\n");
      address("location");
      out.append("</fieldset>\n");
    }

    private void children() {
      out.append("<fieldset>\n<legend><h2>The child or children (optional)</h2></legend>\n");
      for (int i = 0; i < PEOPLE_IN_FORM; i++) {
        String prefix = "victims[" + i + "]";
        StringBuilder saved = swapOut();
        textInput(prefix + ".name", "Child's name, if you know it", null, "text", null, "input-wide");
        textInput(prefix + ".age", "Child's age, if you know it", "A number from 0 to 17.", "text", "numeric",
            "input-short");
        details("Where the child lives or can be found", prefix + ".address.", () -> address(prefix + ".address"));
        String person = restore(saved);
        if (i == 0) {
          out.append("<div class=\"person\">\n<h3>Child 1</h3>\n").append(person).append("</div>\n");
        } else {
          out.append("<details class=\"person\"").append(isOpen(prefix + ".") ? " open" : "")
              .append(">\n<summary>Add another child</summary>\n<h3>Child ").append(i + 1).append("</h3>\n")
              .append(person).append("</details>\n");
        }
      }
      out.append("</fieldset>\n");
    }

    private void suspects() {
      out.append("<fieldset>\n<legend><h2>The person who did it, if you know (optional)</h2></legend>\n");
      for (int i = 0; i < PEOPLE_IN_FORM; i++) {
        String prefix = "suspects[" + i + "]";
        StringBuilder saved = swapOut();
        textInput(prefix + ".name", "Name, or the name they use", null, "text", null, "input-wide");
        textInput(prefix + ".age", "Age, if you know it", "A number, your best guess is fine.", "text", "numeric",
            "input-short");
        textArea(prefix + ".usernames", "User names on apps, games or websites",
            "One per line, as app: name. For example: Instagram: @name", 3, false);
        textArea(prefix + ".urls", "Links to their profiles, posts or chats", "One per line.", 3, false);
        textArea(prefix + ".emails", "E-mail addresses", "One per line.", 2, false);
        textArea(prefix + ".phones", "Phone numbers", "One per line.", 2, false);
        details("Where this person lives or can be found", prefix + ".address.", () -> address(prefix + ".address"));
        String person = restore(saved);
        if (i == 0) {
          out.append("<div class=\"person\">\n<h3>Person 1</h3>\n").append(person).append("</div>\n");
        } else {
          out.append("<details class=\"person\"").append(isOpen(prefix + ".") ? " open" : "")
              .append(">\n<summary>Add another person</summary>\n<h3>Person ").append(i + 1).append("</h3>\n")
              .append(person).append("</details>\n");
        }
      }
      out.append("</fieldset>\n");
    }

    private void aboutYou() {
      out.append("<fieldset>\n<legend><h2>About you</h2></legend>\n");
      Map<String, String> choices = new LinkedHashMap<>();
      choices.put("true", "No, I want to stay anonymous");
      choices.put("false", "Yes, the police may contact me");
      radios("reporter.anonymous", "May the police contact you about this report?",
          "If you choose yes, give at least one way to reach you.", choices,
          valueOr("reporter.anonymous", "true"));
      textInput("reporter.name", "Your name", null, "text", null, "input-wide");
      textInput("reporter.email", "Your e-mail address", null, "email", "email", "input-wide");
      textInput("reporter.phone", "Your phone number", null, "tel", "tel", "input-medium");
      select("reporter.relationship", "Who are you? (optional)", null, RELATIONSHIPS,
          valueOr("reporter.relationship", ""));
      out.append("</fieldset>\n");
    }

    private void address(String prefix) {
      textInput(prefix + ".address", "Street address", null, "text", null, "input-wide");
      textInput(prefix + ".city", "City or town", null, "text", null, "input-medium");
      select(prefix + ".state", "State", null, stateOptions(prefix + ".state"), valueOr(prefix + ".state", ""));
      textInput(prefix + ".zip", "ZIP code", null, "text", "numeric", "input-short");
      textInput(prefix + ".country", "Country, if not the United States",
          "The two-letter code, for example CA for Canada or MX for Mexico.", "text", null, "input-short");
      details("Map coordinates, if you have them", prefix + ".l", () -> {
        textInput(prefix + ".latitude", "Latitude", "For example 35.9606", "text", "decimal", "input-medium");
        textInput(prefix + ".longitude", "Longitude", "For example -83.9207", "text", "decimal", "input-medium");
      });
    }

    /** States, plus whatever the user sent if it is not one of them (so nothing typed is lost). */
    private Map<String, String> stateOptions(String field) {
      String sent = value(field);
      if (sent.isEmpty() || STATES.containsKey(sent)) {
        return STATES;
      }
      Map<String, String> options = new LinkedHashMap<>(STATES);
      options.put(sent, sent);
      return options;
    }

    // ---- controls

    private void textInput(String name, String label, String hint, String type, String inputMode, String width) {
      field(name, label, hint, "<input type=\"" + type + "\" class=\"" + width + "\""
          + (inputMode == null ? "" : " inputmode=\"" + inputMode + "\"") + " spellcheck=\"false\""
          + common(name, true) + ">");
    }

    private void textArea(String name, String label, String hint, int rows, boolean required) {
      field(name, label, hint, "<textarea rows=\"" + rows + "\"" + (required ? " required aria-required=\"true\"" : "")
          + common(name, false) + ">" + escape(value(name)) + "</textarea>");
    }

    private void select(String name, String label, String hint, Map<String, String> options, String selected) {
      StringBuilder select = new StringBuilder("<select" + common(name, false) + ">");
      options.forEach((value, text) -> select.append("<option value=\"").append(escape(value)).append('"')
          .append(value.equals(selected) ? " selected" : "").append('>').append(escape(text)).append("</option>"));
      field(name, label, hint, select.append("</select>").toString());
    }

    /** A labelled control with its hint and errors. */
    private void field(String name, String label, String hint, String control) {
      labels.put(name, label);
      List<String> errors = problemsByField.getOrDefault(name, List.of());
      String id = idOf(name);
      out.append("<div class=\"field").append(errors.isEmpty() ? "" : " field-error").append("\">\n")
          .append("<label for=\"").append(id).append("\">").append(escape(label)).append("</label>\n");
      if (hint != null) {
        out.append("<p class=\"hint\" id=\"").append(id).append("-hint\">").append(escape(hint)).append("</p>\n");
      }
      for (String error : errors) {
        out.append("<p class=\"error-message\" id=\"").append(id).append("-error\"><span class=\"visually-hidden\">"
            + "Error: </span>").append(escape(error)).append("</p>\n");
      }
      out.append(control.replace(" data-describedby", describedBy(id, hint != null, !errors.isEmpty()))).append('\n')
          .append("</div>\n");
    }

    /** id, name, value (for inputs) and the placeholder for aria attributes. */
    private String common(String name, boolean withValue) {
      return " id=\"" + idOf(name) + "\" name=\"" + escape(name) + "\""
          + (withValue ? " value=\"" + escape(value(name)) + "\"" : "") + " data-describedby";
    }

    private String describedBy(String id, boolean hint, boolean error) {
      String ids = ((hint ? id + "-hint " : "") + (error ? id + "-error" : "")).trim();
      return (ids.isEmpty() ? "" : " aria-describedby=\"" + ids + "\"") + (error ? " aria-invalid=\"true\"" : "");
    }

    private void checkbox(String name, String label, String hint) {
      labels.put(name, label);
      String id = idOf(name);
      List<String> errors = problemsByField.getOrDefault(name, List.of());
      boolean checked = !value(name).isEmpty() && !value(name).equals("false");
      out.append("<div class=\"field checkbox").append(errors.isEmpty() ? "" : " field-error").append("\">\n");
      errorMessages(id, errors);
      out.append("<input type=\"checkbox\" id=\"").append(id).append("\" name=\"").append(escape(name))
          .append("\" value=\"true\"").append(checked ? " checked" : "")
          .append(describedBy(id, hint != null, !errors.isEmpty())).append(">\n")
          .append("<label for=\"").append(id).append("\">").append(escape(label)).append("</label>\n");
      if (hint != null) {
        out.append("<p class=\"hint\" id=\"").append(id).append("-hint\">").append(escape(hint)).append("</p>\n");
      }
      out.append("</div>\n");
    }

    private void checkboxes(String name, String legend, Map<String, String> options) {
      List<String> chosen = view.form() == null ? List.of() : view.form().values(name);
      group(name, legend, null, options, value -> chosen.contains(value), "checkbox");
    }

    private void radios(String name, String legend, String hint, Map<String, String> options, String selected) {
      group(name, legend, hint, options, selected::equals, "radio");
    }

    private void group(String name, String legend, String hint, Map<String, String> options,
        java.util.function.Predicate<String> isChosen, String type) {
      labels.put(name, legend);
      String id = idOf(name);
      List<String> errors = problemsByField.getOrDefault(name, List.of());
      out.append("<fieldset class=\"group").append(errors.isEmpty() ? "" : " field-error").append('"')
          .append(describedBy(id, hint != null, !errors.isEmpty()).replace(" aria-invalid=\"true\"", ""))
          .append(">\n<legend>").append(escape(legend)).append("</legend>\n");
      if (hint != null) {
        out.append("<p class=\"hint\" id=\"").append(id).append("-hint\">").append(escape(hint)).append("</p>\n");
      }
      errorMessages(id, errors);
      boolean first = true;
      for (Map.Entry<String, String> option : options.entrySet()) {
        String optionId = first ? id : id + "-" + option.getKey().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        first = false;
        out.append("<div class=\"choice\"><input type=\"").append(type).append("\" id=\"").append(optionId)
            .append("\" name=\"").append(escape(name)).append("\" value=\"").append(escape(option.getKey()))
            .append('"').append(isChosen.test(option.getKey()) ? " checked" : "").append(">")
            .append("<label for=\"").append(optionId).append("\">").append(escape(option.getValue()))
            .append("</label></div>\n");
      }
      out.append("</fieldset>\n");
    }

    private void errorMessages(String id, List<String> errors) {
      for (String error : errors) {
        out.append("<p class=\"error-message\" id=\"").append(id).append("-error\"><span class=\"visually-hidden\">"
            + "Error: </span>").append(escape(error)).append("</p>\n");
      }
    }

    private void details(String summary, String fieldPrefix, Runnable content) {
      out.append("<details").append(isOpen(fieldPrefix) ? " open" : "").append(">\n<summary>").append(escape(summary))
          .append("</summary>\n<div class=\"details-body\">\n");
      content.run();
      out.append("</div>\n</details>\n");
    }

    /** Open when the user typed something in it or something in it needs fixing. */
    private boolean isOpen(String fieldPrefix) {
      boolean typed = view.form() != null && view.form().fields().entrySet().stream()
          .anyMatch(f -> f.getKey().startsWith(fieldPrefix) && f.getValue().stream().anyMatch(v -> !v.isBlank()));
      return typed || problemsByField.keySet().stream().anyMatch(f -> f.startsWith(fieldPrefix));
    }

    private StringBuilder swapOut() {
      StringBuilder saved = new StringBuilder(out);
      out.setLength(0);
      return saved;
    }

    private String restore(StringBuilder saved) {
      String written = out.toString();
      out.setLength(0);
      out.append(saved);
      return written;
    }

    private String value(String name) {
      return view.form() == null ? "" : view.form().value(name);
    }

    private String valueOr(String name, String fallback) {
      String value = value(name);
      return value.isEmpty() ? fallback : value;
    }
  }

  /** An HTML id for a form field: {@code suspects[0].emails} becomes {@code suspects-0-emails}. */
  static String idOf(String field) {
    return "f-" + field.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "");
  }
}
