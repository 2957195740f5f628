namespace Airadcr.ReportApi.Bench;

/// <summary>
/// The technical ids a run stores and reads, without allocating per request: POSTs take fresh numbers; GETs take
/// the stored ids in turn (a rotating queue: the first GETs of an id mark it retrieved, later ones read it again) or,
/// with <c>unreadFirst</c>, ids never read before while there are any. Counts the first reads.
/// </summary>
internal sealed class ReportIds(bool unreadFirst)
{
    /// <summary>More ids than a run stores (a bare Kestrel closed loop reaches ~250,000); past it ids are not queued.</summary>
    private const int Capacity = 1 << 21;

    private readonly Lock gate = new();
    private readonly IdQueue stored = new(Capacity);
    private readonly IdQueue unread = new(Capacity);
    private readonly bool[] read = new bool[Capacity + 1];
    private int sequence;
    private int firstReads;

    public int FirstReads => Volatile.Read(ref firstReads);

    /// <summary>The id of the next POST, queued for later GETs.</summary>
    public int NextToStore()
    {
        lock (gate)
        {
            var id = ++sequence;
            stored.Enqueue(id);
            unread.Enqueue(id);
            return id;
        }
    }

    /// <summary>The id of the next GET (1 when nothing was stored).</summary>
    public int NextToRead()
    {
        lock (gate)
        {
            if (!(unreadFirst && unread.TryDequeue(out var id)))
            {
                id = stored.TryDequeue(out var next) ? next : 1;
                stored.Enqueue(id);
            }

            if (id <= Capacity && !read[id])
            {
                read[id] = true;
                firstReads++;
            }

            return id;
        }
    }

    /// <summary>A fixed-capacity ring of ids; full, it drops what it is given.</summary>
    private sealed class IdQueue(int capacity)
    {
        private readonly int[] ids = new int[capacity];
        private long head;
        private long tail;

        public void Enqueue(int id)
        {
            if (tail - head < ids.Length)
            {
                ids[tail++ % ids.Length] = id;
            }
        }

        public bool TryDequeue(out int id)
        {
            id = head < tail ? ids[head++ % ids.Length] : 0;
            return id != 0;
        }
    }
}
