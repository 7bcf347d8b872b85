package org.tiprouter.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tiprouter.formats.web.WebFormDecoder;

class TipFormPageTest {

  private final TipFormPage page = new TipFormPage(ZoneId.of("America/Chicago"));

  private String render(String body, List<TipFormPage.Problem> problems) {
    return page.render(new TipFormPage.View(WebFormDecoder.decode(body.getBytes(StandardCharsets.UTF_8)), problems,
        null, "form-1"));
  }

  @Test
  void everyControlHasALabelAndEveryIdIsUnique() {
    String html = page.render(new TipFormPage.View(null, List.of(), null, "form-1"));

    Matcher ids = Pattern.compile("<(input|select|textarea)[^>]* id=\"([^\"]+)\"").matcher(html);
    List<String> seen = new java.util.ArrayList<>();
    while (ids.find()) {
      seen.add(ids.group(2));
      assertThat(html).as(ids.group(2)).contains("<label for=\"" + ids.group(2) + "\">");
    }
    assertThat(seen).hasSizeGreaterThan(40).doesNotHaveDuplicates();
    assertThat(html).doesNotContain("<script").contains("<option value=\"America/Chicago\" selected>");
  }

  @Test
  void escapesEverythingTheUserTypedWhenTheFormComesBack() {
    String attack = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";
    String encoded = URLEncoder.encode(attack, StandardCharsets.UTF_8);
    String html = render("description=" + encoded + "&suspects%5B0%5D.name=" + encoded + "&location.state=" + encoded
        + "&reporter.relationship=" + encoded, List.of(new TipFormPage.Problem("description", attack)));

    assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x")
        .contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void showsEachProblemNextToItsFieldAndInTheSummaryAndOpensWhatHidesIt() {
    String html = render("suspects%5B1%5D.address.zip=123",
        List.of(new TipFormPage.Problem("suspects[1].address.zip", "The ZIP code must be 5 digits.")));

    assertThat(html).contains("<title>Error: ")
        .contains("<a href=\"#f-suspects-1-address-zip\">Person 2, ZIP code: The ZIP code must be 5 digits.</a>")
        .contains("id=\"f-suspects-1-address-zip-error\"")
        .contains("aria-describedby=\"f-suspects-1-address-zip-error\" aria-invalid=\"true\"")
        .contains("<details class=\"person\" open>");
  }
}
