using System.Net;
using System.Net.Sockets;

namespace Airadcr.ReportApi.Bench;

/// <summary>
/// One keep-alive HTTP/1.1 connection with blocking I/O and no allocation per request: it writes a request already
/// encoded, then reads the response only as far as needed to find its end (status line, Content-Length or chunked
/// framing), so the load generator costs the machine as little as possible next to the server it measures.
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private static readonly byte[] ContentLength = "content-length:"u8.ToArray();
    private static readonly byte[] TransferEncoding = "transfer-encoding:"u8.ToArray();
    private static readonly byte[] Chunked = "chunked"u8.ToArray();

    private readonly Socket socket;
    private readonly byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    private RawHttpConnection(Socket socket) => this.socket = socket;

    public static RawHttpConnection Open(IPEndPoint server)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = true };
        socket.Connect(server);
        return new RawHttpConnection(socket);
    }

    public void Send(ReadOnlySpan<byte> request)
    {
        while (!request.IsEmpty)
        {
            request = request[socket.Send(request)..];
        }
    }

    /// <summary>Reads one whole response and returns its status code.</summary>
    public int ReadResponse()
    {
        var status = ParseStatus(ReadLine());
        var length = 0;
        var chunked = false;
        for (var header = ReadLine(); !header.IsEmpty; header = ReadLine())
        {
            if (StartsWithIgnoreCase(header, ContentLength))
            {
                length = ParseDecimal(header[ContentLength.Length..]);
            }
            else if (StartsWithIgnoreCase(header, TransferEncoding))
            {
                chunked = header.IndexOf(Chunked) >= 0;
            }
        }

        if (!chunked)
        {
            Skip(length);
            return status;
        }

        for (var size = ParseHex(ReadLine()); size > 0; size = ParseHex(ReadLine()))
        {
            Skip(size + 2); // chunk data and its CRLF
        }

        while (!ReadLine().IsEmpty)
        {
            // trailers, if any
        }

        return status;
    }

    public void Dispose() => socket.Dispose();

    /// <summary>The next line without its CRLF (valid until the next read).</summary>
    private ReadOnlySpan<byte> ReadLine()
    {
        int newline;
        while ((newline = buffer.AsSpan(start, end - start).IndexOf("\r\n"u8)) < 0)
        {
            Fill();
        }

        var line = buffer.AsSpan(start, newline);
        start += newline + 2;
        return line;
    }

    private void Skip(int count)
    {
        while (end - start < count)
        {
            count -= end - start;
            start = end = 0;
            Fill();
        }

        start += count;
    }

    private void Fill()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            throw new IOException("Response line longer than the read buffer");
        }

        var read = socket.Receive(buffer.AsSpan(end));
        if (read == 0)
        {
            throw new IOException("The server closed the connection");
        }

        end += read;
    }

    private static int ParseStatus(ReadOnlySpan<byte> statusLine) =>
        statusLine.Length >= 12 && statusLine.StartsWith("HTTP/1."u8)
            ? ParseDecimal(statusLine.Slice(9, 3))
            : throw new IOException("Not an HTTP/1.x status line");

    private static int ParseDecimal(ReadOnlySpan<byte> text)
    {
        var value = 0;
        foreach (var b in text.Trim((byte)' '))
        {
            value = (value * 10) + (b - '0');
        }

        return value;
    }

    private static int ParseHex(ReadOnlySpan<byte> line)
    {
        var value = 0;
        foreach (var b in line)
        {
            var digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                break; // chunk extensions
            }

            value = (value * 16) + digit;
        }

        return value;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> line, ReadOnlySpan<byte> lowerPrefix)
    {
        if (line.Length < lowerPrefix.Length)
        {
            return false;
        }

        for (var i = 0; i < lowerPrefix.Length; i++)
        {
            if ((line[i] | 0x20) != lowerPrefix[i]) // the prefixes hold lower-case letters, '-' and ':' only
            {
                return false;
            }
        }

        return true;
    }
}
