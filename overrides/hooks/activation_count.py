"""What a KMS host's activation count would be, and whom it would activate: a pure function.

No MkDocs, no data loading: thresholds come in as arguments, so the same rule can be ported to the
browser (a count calculator) and tested against this one. The rule, from the Windows 7 planning
guidance and the 2008 worked examples:

* the host counts distinct machines (CMIDs) that asked it for activation, clients and servers in
  one shared count; the host itself is not one of them;
* it keeps at most twice the highest threshold it has seen: 2 x 25 = 50 once any client OS asked,
  2 x 5 = 10 while only servers did; so the count never exceeds that cache;
* a client OS activates when the count is at least the client threshold, a server OS when it is at
  least the server threshold.
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Thresholds:
    client_os: int  # Vista / Windows 7
    server_os: int  # Server 2008 / 2008 R2


@dataclasses.dataclass(frozen=True)
class HostCount:
    count: int
    cache_size: int
    client_os_activates: bool
    server_os_activates: bool


def cache_size(client_machines: int, server_machines: int, thresholds: Thresholds) -> int:
    """CMIDs the host keeps: twice the highest threshold among the machines that asked."""
    if client_machines > 0:
        return 2 * max(thresholds.client_os, thresholds.server_os)
    if server_machines > 0:
        return 2 * thresholds.server_os
    return 0


def host_count(client_machines: int, server_machines: int, thresholds: Thresholds) -> HostCount:
    """The count a host reports for that many distinct client-OS and server-OS machines."""
    if client_machines < 0 or server_machines < 0:
        raise ValueError("machine numbers cannot be negative")
    cache = cache_size(client_machines, server_machines, thresholds)
    count = min(client_machines + server_machines, cache)
    return HostCount(
        count=count,
        cache_size=cache,
        client_os_activates=count >= thresholds.client_os,
        server_os_activates=count >= thresholds.server_os,
    )
