"""An SSH ProxyCommand that relays to HOST PORT and breaks the connection for real.

    python cut_relay.py HOST PORT BYTES drop|stall

After BYTES have gone from the client to the server on one connection:
drop closes the TCP connection (both ends see it end mid-transfer); stall stops
relaying in both directions but keeps the connection open, as a dead network
path does. Connections that stay below BYTES (logins, short commands) pass.
"""

import os
import selectors
import socket
import sys


def main():
    host, port, limit, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    server = socket.create_connection((host, port))
    client_in, client_out = sys.stdin.fileno(), sys.stdout.fileno()
    selector = selectors.DefaultSelector()
    selector.register(client_in, selectors.EVENT_READ)
    selector.register(server, selectors.EVENT_READ)
    sent = 0
    stalled = False
    while True:
        for key, _ in selector.select():
            if key.fileobj == client_in:
                data = os.read(client_in, 65536)
                if not data:
                    return  # the client is gone: closing our socket ends the server's side
                if stalled:
                    continue  # swallowed: nothing gets through any more
                server.sendall(data)
                sent += len(data)
                if sent >= limit:
                    if mode == "drop":
                        server.close()
                        return
                    stalled = True
            else:
                data = server.recv(65536)
                if not data:
                    return
                if not stalled:
                    os.write(client_out, data)


if __name__ == "__main__":
    main()
