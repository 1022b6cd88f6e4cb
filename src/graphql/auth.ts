import jwt, { type Algorithm } from 'jsonwebtoken';
import type { Config } from '../config';
import { DomainError } from '../domain/shared/errors';
import { ANONYMOUS, Role, type Viewer } from '../domain/shared/viewer';

const ROLES = new Set<string>(Object.values(Role));

/**
 * Verifies a bearer token: algorithm pinned by configuration (so `alg: none` and key-confusion tricks fail),
 * issuer, audience and expiry checked. No token means an anonymous viewer (public operations only);
 * a bad token is refused outright with UNAUTHENTICATED.
 */
export class TokenVerifier {
  private readonly key: string;
  private readonly algorithms: Algorithm[];

  constructor(private readonly jwtConfig: Config['jwt']) {
    this.key = jwtConfig.algorithm === 'HS256' ? jwtConfig.secret! : jwtConfig.publicKey!;
    this.algorithms = [jwtConfig.algorithm];
  }

  viewerFrom(authorization: string | undefined, requestId: string): Viewer {
    if (!authorization) return { subject: ANONYMOUS.subject, roles: ANONYMOUS.roles, requestId };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new DomainError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
    let claims: jwt.JwtPayload;
    try {
      const decoded = jwt.verify(match[1], this.key, {
        algorithms: this.algorithms,
        issuer: this.jwtConfig.issuer,
        audience: this.jwtConfig.audience,
        clockTolerance: 5,
      });
      if (typeof decoded === 'string') throw new Error('payload is not an object');
      claims = decoded;
    } catch (error) {
      const reason = error instanceof jwt.TokenExpiredError ? 'The token has expired' : 'The token is not valid';
      throw new DomainError('UNAUTHENTICATED', reason);
    }
    if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new DomainError('UNAUTHENTICATED', 'The token has no subject');
    if (typeof claims.exp !== 'number') throw new DomainError('UNAUTHENTICATED', 'The token must expire');
    this.assertLifetime(claims);
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => typeof r === 'string' && ROLES.has(r)) : [];
    if (roles.length === 0) throw new DomainError('UNAUTHENTICATED', 'The token grants no role');
    return { subject: claims.sub, roles, memberId: roles.includes(Role.MEMBER) ? claims.sub : undefined, requestId };
  }

  /**
   * A stolen long-lived token is a standing key: tokens living longer than JWT_MAX_LIFETIME_SECONDS (exp - iat, or
   * exp - now without iat) are refused, and so are tokens issued in the future beyond JWT_CLOCK_SKEW_SECONDS.
   */
  private assertLifetime(claims: jwt.JwtPayload): void {
    const now = Math.floor(Date.now() / 1000);
    const { maxLifetimeSeconds, clockSkewSeconds } = this.jwtConfig;
    if (claims.iat !== undefined) {
      if (typeof claims.iat !== 'number') throw new DomainError('UNAUTHENTICATED', 'The token is not valid');
      if (claims.iat > now + clockSkewSeconds) throw new DomainError('UNAUTHENTICATED', 'The token was issued in the future');
    }
    const from = typeof claims.iat === 'number' ? claims.iat : now;
    if (claims.exp! - from > maxLifetimeSeconds) throw new DomainError('UNAUTHENTICATED', `The token lives longer than the ${maxLifetimeSeconds} seconds allowed`);
  }
}

/** Mints an HS256 token for development and tests; production tokens come from the identity provider. */
export function mintDevelopmentToken(jwtConfig: Config['jwt'], subject: string, roles: Role[], expiresInSeconds = 8 * 3600): string {
  if (jwtConfig.algorithm !== 'HS256' || !jwtConfig.secret) throw new Error('Development tokens need JWT_ALGORITHM=HS256 and a JWT_SECRET');
  return jwt.sign({ roles }, jwtConfig.secret, {
    algorithm: 'HS256',
    subject,
    issuer: jwtConfig.issuer,
    audience: jwtConfig.audience,
    expiresIn: expiresInSeconds,
  });
}
