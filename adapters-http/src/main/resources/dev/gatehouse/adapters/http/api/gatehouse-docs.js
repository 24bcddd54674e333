// Starts Swagger UI on the OpenAPI document this server serves. A file of its own, not an inline script,
// so that the page's Content-Security-Policy can allow scripts from this origin only. No validator badge:
// the page makes no request to any other origin.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
});
