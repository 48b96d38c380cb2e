// Progressive enhancement only: every page works without it. Loaded as a module (the
// Content-Security-Policy allows no inline script), so old browsers that cannot run modules
// keep the plain HTML versions of the components.
import { initAll as initGovukFrontend } from '/assets/govuk-frontend.min.js'
import { initAll as initMojFrontend } from '/assets/moj-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initGovukFrontend()
initMojFrontend()
