import type { Services } from '../domain/services';
import type { Viewer } from '../domain/shared/viewer';
import type { Loaders } from './loaders';

export interface Context {
  viewer: Viewer;
  requestId: string;
  services: Services;
  loaders: Loaders;
}
