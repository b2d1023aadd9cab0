/** imago/thumbnail: the thumbnail pipeline. See spec/pipeline.md. */
export { thumbnail, prepareThumbnail, registrySteps, type ThumbnailCallOptions } from './thumbnail.js';
export {
  checkThumbnailOptions,
  MAX_THUMBNAIL_SIDE,
  THUMBNAIL_FITS,
  THUMBNAIL_KERNELS,
  type ThumbnailOptions,
  type ThumbnailFit,
  type ThumbnailKernel,
  type CheckedThumbnailOptions,
} from './options.js';
export { planThumbnail, type ThumbnailPlan } from './plan.js';
export { prepareThumbnailWith, thumbnailWith, UnknownFormatError, type ThumbnailSteps, type PreparedThumbnail } from './run.js';
