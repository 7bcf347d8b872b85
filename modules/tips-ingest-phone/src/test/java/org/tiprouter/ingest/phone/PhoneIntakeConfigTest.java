package org.tiprouter.ingest.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.tiprouter.formats.phone.PhoneCall.FormParameter;

class PhoneIntakeConfigTest {

  @Test
  void needsTheAuthTokenWhenTheWebhookIsEnabledAndNamesTheKey() {
    assertThatThrownBy(() -> new PhoneIntakeConfig(Map.of(PhoneIntakeConfig.TWILIO_ENABLED, "true")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("phone.twilio.auth.token");
    assertThat(new PhoneIntakeConfig(Map.of()).twilioEnabled()).isFalse();
  }

  @Test
  void neverShowsTheAuthToken() {
    PhoneIntakeConfig config = new PhoneIntakeConfig(Map.of(PhoneIntakeConfig.TWILIO_ENABLED, "true",
        PhoneIntakeConfig.TWILIO_AUTH_TOKEN, "secret-token-value"));

    assertThat(config.twilioAuthToken()).hasValue("secret-token-value");
    assertThat(config.values().toString()).doesNotContain("secret-token-value");
  }

  @Test
  void refusesAPublicBaseUrlThatIsNotHttpAndDropsATrailingSlash() {
    assertThatThrownBy(() -> new PhoneIntakeConfig(Map.of(PhoneIntakeConfig.TWILIO_PUBLIC_BASE_URL, "hotline.org")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("phone.twilio.public.base.url");
    assertThat(new PhoneIntakeConfig(Map.of(PhoneIntakeConfig.TWILIO_PUBLIC_BASE_URL, "https://h.example.org//"))
        .twilioPublicBaseUrl()).hasValue("https://h.example.org");
  }

  @Test
  void signsLikeTwilioDocumentsIt() {
    // The example of Twilio's signature-validation snippets (TwilioDevEd/api-snippets): token, URL, parameters, signature.
    TwilioSignature signature = new TwilioSignature("12345");
    List<FormParameter> parameters = List.of(new FormParameter("CallSid", "CA1234567890ABCDE"),
        new FormParameter("Caller", "+14158675310"), new FormParameter("Digits", "1234"),
        new FormParameter("From", "+14158675310"), new FormParameter("To", "+18005551212"));

    assertThat(signature.isValid("https://mycompany.com/myapp.php?foo=1&bar=2", parameters,
        "GvWf1cFY/Q7PnoempGyD5oXAezc=")).isTrue();
    assertThat(signature.isValid("https://mycompany.com/myapp.php?foo=1&bar=2", parameters.subList(0, 4),
        "GvWf1cFY/Q7PnoempGyD5oXAezc=")).isFalse();
  }
}
