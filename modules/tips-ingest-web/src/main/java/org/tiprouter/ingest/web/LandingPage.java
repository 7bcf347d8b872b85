package org.tiprouter.ingest.web;

/** The page at {@code /} until the full tip form replaces it. No scripts, no external resources. */
final class LandingPage {

  private LandingPage() {}

  static final String HTML = """
      <!doctype html>
      <html lang="en">
      <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Report a crime against a child</title></head>
      <body>
      <main>
      <h1>Report a crime against a child</h1>
      <p><strong>If a child is in immediate danger, call 911 now.</strong></p>
      <p>You may report without giving your name. Please do not confront anyone, and do not collect
      or send images yourself: describe where you saw it instead, so evidence is preserved.</p>
      <p>Tips are accepted as JSON at <code>POST /api/v1/tips</code>.</p>
      </main>
      </body>
      </html>
      """;
}
