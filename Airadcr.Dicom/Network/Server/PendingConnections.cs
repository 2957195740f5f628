using System.Net;

namespace Airadcr.Dicom.Network.Server;

/// <summary>
/// Connections accepted whose A-ASSOCIATE-RQ has not arrived yet: they hold no association slot, and there are at most
/// <c>maxTotal</c> of them, <c>maxPerAddress</c> from one remote address. A new connection is always taken: at a limit
/// the oldest pending connection (of that address, else of all) is evicted, its token cancelled. A peer that means to
/// associate sends its request at once, so idle or trickling sockets cannot keep it out.
/// </summary>
internal sealed class PendingConnections(int maxTotal, int maxPerAddress)
{
    private readonly LinkedList<PendingConnection> _oldestFirst = [];
    private readonly Dictionary<IPAddress, int> _perAddress = [];

    public int Count
    {
        get
        {
            lock (_oldestFirst)
            {
                return _oldestFirst.Count;
            }
        }
    }

    /// <summary>Registers a new connection; returns it and the one evicted to make room, if any.</summary>
    public (PendingConnection Added, PendingConnection? Evicted) Add(IPAddress address, CancellationToken stopping)
    {
        var added = new PendingConnection(this, address, stopping);
        PendingConnection? evicted = null;
        lock (_oldestFirst)
        {
            var fromAddress = _perAddress.GetValueOrDefault(address);
            if (fromAddress >= maxPerAddress)
            {
                evicted = _oldestFirst.First(p => p.Address.Equals(address));
            }
            else if (_oldestFirst.Count >= maxTotal)
            {
                evicted = _oldestFirst.First!.Value;
            }

            if (evicted is not null)
            {
                RemoveLocked(evicted);
            }

            added.Node = _oldestFirst.AddLast(added);
            _perAddress[address] = _perAddress.GetValueOrDefault(address) + 1;
        }

        evicted?.Evict();
        return (added, evicted);
    }

    /// <summary>The connection's request arrived, or it ended: it is no longer pending.</summary>
    public void Remove(PendingConnection connection)
    {
        lock (_oldestFirst)
        {
            RemoveLocked(connection);
        }
    }

    public int FromAddress(IPAddress address)
    {
        lock (_oldestFirst)
        {
            return _perAddress.GetValueOrDefault(address);
        }
    }

    private void RemoveLocked(PendingConnection connection)
    {
        if (connection.Node is not { } node)
        {
            return;
        }

        _oldestFirst.Remove(node);
        connection.Node = null;
        if (--_perAddress[connection.Address] == 0)
        {
            _perAddress.Remove(connection.Address);
        }
    }
}

/// <summary>One connection of <see cref="PendingConnections"/>: <see cref="Token"/> is cancelled when it is evicted or
/// the server stops.</summary>
internal sealed class PendingConnection(PendingConnections owner, IPAddress address, CancellationToken stopping) : IDisposable
{
    private readonly CancellationTokenSource _eviction = CancellationTokenSource.CreateLinkedTokenSource(stopping);

    public IPAddress Address { get; } = address;

    public CancellationToken Token => _eviction.Token;

    public bool WasEvicted { get; private set; }

    internal LinkedListNode<PendingConnection>? Node { get; set; }

    /// <summary>Its A-ASSOCIATE-RQ arrived: it leaves the pending set (eviction no longer applies).</summary>
    public void Associating() => owner.Remove(this);

    internal void Evict()
    {
        WasEvicted = true;
        try
        {
            _eviction.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It ended meanwhile.
        }
    }

    public void Dispose()
    {
        owner.Remove(this);
        _eviction.Dispose();
    }
}
