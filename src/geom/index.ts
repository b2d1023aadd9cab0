export { Point, ZP, pt } from './point.js';
export { Rectangle, ZR, rect } from './rectangle.js';
