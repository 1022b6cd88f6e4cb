import type { Services } from '../domain/services';
import type { Viewer } from '../domain/shared/viewer';
import type { Loaders } from './loaders';

export interface Context {
  viewer: Viewer;
  requestId: string;
  services: Services;
  loaders: Loaders;
  /**
   * Reads already made in this request, by key. Apollo executes a shallow copy of the context, so this map is shared
   * when an operation the register fast path tried is executed again by Apollo (register.resolver.ts, oncePerRequest).
   */
  reads: Map<string, Promise<unknown>>;
}
