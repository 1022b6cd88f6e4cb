import { loadConfig } from '../src/config';
import { DEMO_IDENTITIES } from '../src/db/demo-identities';
import { mintDevelopmentToken } from '../src/graphql/auth';
import { Role } from '../src/domain/shared/viewer';

/**
 * Mints a development token for a seeded identity:
 *   npm run token -- admin
 *   npm run token -- --list
 *   npm run token -- --sub <uuid> --roles MEMBER
 */
function main(argv: string[]): void {
  const config = loadConfig();
  if (argv.length === 0 || argv.includes('--list') || argv.includes('--help')) {
    process.stdout.write('Usage: npm run token -- <alias> | --sub <id> --roles ROLE[,ROLE]\n\n');
    for (const i of DEMO_IDENTITIES) process.stdout.write(`  ${i.alias.padEnd(26)} ${i.roles.join(',').padEnd(26)} ${i.description}\n`);
    return;
  }
  let subject: string;
  let roles: Role[];
  const subIndex = argv.indexOf('--sub');
  if (subIndex >= 0) {
    subject = argv[subIndex + 1];
    const rolesArg = argv[argv.indexOf('--roles') + 1] ?? '';
    roles = rolesArg.split(',').filter((r): r is Role => Object.values(Role).includes(r as Role));
    if (!subject || roles.length === 0) throw new Error('--sub needs an id and --roles one or more of ' + Object.values(Role).join(', '));
  } else {
    const identity = DEMO_IDENTITIES.find((i) => i.alias === argv[0]);
    if (!identity) throw new Error(`Unknown alias "${argv[0]}"; run with --list to see them`);
    subject = identity.subject;
    roles = identity.roles;
  }
  process.stdout.write(mintDevelopmentToken(config.jwt, subject, roles) + '\n');
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
