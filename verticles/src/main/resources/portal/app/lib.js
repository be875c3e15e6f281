// Preact + htm without a build step: htm turns tagged templates into Preact calls in the browser.
import { h, render } from '../vendor/preact.js';
import htm from '../vendor/htm.js';
export { h, render };
export { useState, useEffect, useRef, useCallback } from '../vendor/hooks.js';
export const html = htm.bind(h);
