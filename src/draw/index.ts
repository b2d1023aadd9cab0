export { draw, drawMask } from './draw.js';
export { Op, type Drawer, type Quantizer } from './op.js';
export { FloydSteinberg } from './floyd-steinberg.js';
export { configureDraw, drawBackend, type DrawOptions } from './backend.js';
