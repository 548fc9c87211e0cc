// Which process holds the server end of a TCP connection, from Linux's /proc: the workers of
// a clustered gateway share one port, so the port alone cannot say which one a client reached.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * The pid among `pids` whose descriptors hold the server end of the connection from the local
 * port `clientPort` to `serverPort` on this machine, or undefined when none does.
 */
export function socketOwner(
  serverPort: number,
  clientPort: number,
  pids: readonly number[],
): number | undefined {
  const inodes = serverEndInodes(serverPort, clientPort);
  if (inodes.size === 0) return undefined;
  return pids.find((pid) =>
    socketInodesOf(pid).some((inode) => inodes.has(inode)),
  );
}

/** Inodes of the sockets whose local port is `serverPort` and remote port `clientPort`. */
function serverEndInodes(serverPort: number, clientPort: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readOrEmpty(table).split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      if (portOf(fields[1]) === serverPort && portOf(fields[2]) === clientPort)
        inodes.add(fields[9]);
    }
  }
  return inodes;
}

function socketInodesOf(pid: number): string[] {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  return fds.flatMap((fd) => {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(
        readlinkSync(`/proc/${pid}/fd/${fd}`),
      );
      return match ? [match[1]] : [];
    } catch {
      return [];
    }
  });
}

/** `0100007F:2328` (hex address and port) to 9000. */
function portOf(address: string): number {
  return parseInt(address.slice(address.lastIndexOf(':') + 1), 16);
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
