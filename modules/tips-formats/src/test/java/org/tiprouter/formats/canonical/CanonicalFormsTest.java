package org.tiprouter.formats.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalFormsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "(865) 555-0142|+18655550142",
      "865.555.0142|+18655550142",
      "+1 865 555 0142|+18655550142",
      "1-865-555-0142|+18655550142",
      "+44 20 7946 0958|+442079460958"})
  void writesPhoneNumbersInE164(String text, String e164) {
    assertThat(PhoneNumbers.e164(text)).contains(e164);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "12", "call me maybe", "555-0199", "+1 865 555 0142 555 0142 555 0142 555 0142 555 0142 555 0142 99"})
  void refusesTextThatIsNoPhoneNumber(String text) {
    assertThat(PhoneNumbers.e164(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "  Someone@Example.COM |someone@example.com",
      "mailto:a.b+c@mail.example.org|a.b+c@mail.example.org"})
  void trimsAndLowerCasesEmails(String text, String canonical) {
    assertThat(Emails.canonical(text)).contains(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not an email", "a@b", "two@@example.com", "spaces in@example.com"})
  void refusesTextThatIsNoEmail(String text) {
    assertThat(Emails.canonical(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "HTTP://Example.COM:80/Path?q=1|http://example.com/Path?q=1",
      "https://chat.example.org:443|https://chat.example.org/",
      "example.com/profile/kid_gamer|http://example.com/profile/kid_gamer",
      "https://example.com:8443/x#frag|https://example.com:8443/x#frag"})
  void canonicalisesUrls(String text, String canonical) {
    assertThat(Urls.canonical(text)).contains(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert(1)", "file:///etc/passwd", "http://", "::::"})
  void refusesUrlsThatAreNotWebAddresses(String text) {
    assertThat(Urls.canonical(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "192.168.001.010|192.168.1.10",
      " 8.8.8.8 |8.8.8.8",
      "2001:0DB8:0000:0000:0000:0000:0000:0001|2001:db8::1",
      "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",
      "[::1]|::1",
      "::FFFF:c000:0280|::ffff:192.0.2.128",
      "2001:db8:0:1:1:1:1:1|2001:db8:0:1:1:1:1:1"})
  void canonicalisesIpAddresses(String text, String canonical) {
    assertThat(IpAddresses.canonical(text)).contains(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"256.1.1.1", "1.2.3", "example.com", "2001:db8::1::2", "12345::", "1:2:3:4:5:6:7:8:9", "localhost"})
  void refusesTextThatIsNoIpAddressWithoutLookingAnythingUp(String text) {
    assertThat(IpAddresses.canonical(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"tn|TN", "Tennessee|TN", " new   york |NY", "District of Columbia|DC", "Washington D.C.|DC", "Puerto Rico|PR"})
  void writesStatesAsTwoLetterCodes(String text, String code) {
    assertThat(UsStates.code(text)).contains(code);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"37902|37902", "37902-1234|37902", "379021234|37902", " 37902 |37902"})
  void writesZipsAsFiveDigits(String text, String zip) {
    assertThat(ZipCodes.five(text)).contains(zip);
  }

  @ParameterizedTest
  @ValueSource(strings = {"3790", "ABCDE", "37902-12", ""})
  void refusesTextThatIsNoZip(String text) {
    assertThat(ZipCodes.five(text)).isEmpty();
  }
}
