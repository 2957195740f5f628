using System.Runtime.InteropServices;
using static Airadcr.Dicom.Imaging.Codecs.Jpeg2000.OpenJpegNative;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg2000;

/// <summary>One OpenJPEG codec and its stream for one frame (OpenJPEG objects are not shared between calls or
/// threads), with its error and warning messages captured. Input is read from a pinned buffer that the read, skip and
/// seek callbacks never go past; output is written to a managed buffer.</summary>
internal sealed unsafe class OpenJpegSession : IDisposable
{
    private const int StreamChunk = 1 << 16;

    /// <summary>A corrupt codestream can warn once per packet: the first messages are kept, not all.</summary>
    private const int MaxMessages = 16;

    private readonly List<string> _messages = [];
    private GCHandle _self;
    private MemorySource* _source;
    private byte[] _output = [];
    private long _outputLength;
    private long _outputPosition;

    private OpenJpegSession(nint codec)
    {
        Codec = codec;
        _self = GCHandle.Alloc(this);
        var client = (void*)GCHandle.ToIntPtr(_self);
        SetErrorHandler(codec, &OnError, client);
        SetWarningHandler(codec, &OnWarning, client);
    }

    public nint Codec { get; }

    public nint Stream { get; private set; }

    /// <summary>The library's errors and warnings so far, in order.</summary>
    public string Messages => _messages.Count == 0 ? "no message" : string.Join("; ", _messages);

    public static OpenJpegSession ForDecoding(int format)
    {
        EnsureLoaded();
        var codec = CreateDecompress(format);
        return codec == 0 ? throw new InvalidOperationException("opj_create_decompress failed") : new OpenJpegSession(codec);
    }

    public static OpenJpegSession ForEncoding()
    {
        EnsureLoaded();
        var codec = CreateCompress(CodecJ2k);
        return codec == 0 ? throw new InvalidOperationException("opj_create_compress failed") : new OpenJpegSession(codec);
    }

    /// <summary>An input stream over <paramref name="data"/>, which the caller keeps pinned until this is disposed.</summary>
    public void OpenInput(byte* data, long length)
    {
        _source = (MemorySource*)NativeMemory.AllocZeroed((nuint)sizeof(MemorySource));
        _source->Data = data;
        _source->Length = length;
        Stream = StreamCreate(StreamChunk, 1);
        StreamSetRead(Stream, &Read);
        StreamSetSkip(Stream, &SkipInput);
        StreamSetSeek(Stream, &SeekInput);
        StreamSetUserData(Stream, _source, 0);
        StreamSetUserDataLength(Stream, (ulong)length);
    }

    public void OpenOutput(int capacity)
    {
        _output = new byte[Math.Max(1024, capacity)];
        Stream = StreamCreate(StreamChunk, 0);
        StreamSetWrite(Stream, &Write);
        StreamSetSkip(Stream, &SkipOutput);
        StreamSetSeek(Stream, &SeekOutput);
        StreamSetUserData(Stream, (void*)GCHandle.ToIntPtr(_self), 0);
    }

    public byte[] Output => _output.AsSpan(0, (int)_outputLength).ToArray();

    public void Dispose()
    {
        if (Stream != 0)
        {
            StreamDestroy(Stream);
            Stream = 0;
        }

        DestroyCodec(Codec);
        if (_source is not null)
        {
            NativeMemory.Free(_source);
            _source = null;
        }

        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    private static OpenJpegSession Of(void* client) => (OpenJpegSession)GCHandle.FromIntPtr((nint)client).Target!;

    [UnmanagedCallersOnly]
    private static void OnError(byte* message, void* client) => Of(client).Add("", message);

    [UnmanagedCallersOnly]
    private static void OnWarning(byte* message, void* client) => Of(client).Add("warning: ", message);

    private void Add(string prefix, byte* message)
    {
        if (_messages.Count < MaxMessages)
        {
            _messages.Add(prefix + (Marshal.PtrToStringUTF8((nint)message) ?? "").Trim());
        }
    }

    /// <summary>OpenJPEG reads (size_t)-1 as the end of the stream.</summary>
    [UnmanagedCallersOnly]
    private static nuint Read(byte* buffer, nuint count, void* user)
    {
        var source = (MemorySource*)user;
        var left = source->Length - source->Position;
        if (left <= 0)
        {
            return nuint.MaxValue;
        }

        var n = (long)Math.Min((ulong)left, count);
        Buffer.MemoryCopy(source->Data + source->Position, buffer, (long)count, n);
        source->Position += n;
        return (nuint)n;
    }

    [UnmanagedCallersOnly]
    private static long SkipInput(long count, void* user)
    {
        var source = (MemorySource*)user;
        var target = Math.Clamp(source->Position + count, 0, source->Length);
        if (target == source->Position && count != 0)
        {
            return -1;
        }

        var skipped = target - source->Position;
        source->Position = target;
        return skipped;
    }

    [UnmanagedCallersOnly]
    private static int SeekInput(long position, void* user)
    {
        var source = (MemorySource*)user;
        if (position < 0 || position > source->Length)
        {
            return 0;
        }

        source->Position = position;
        return 1;
    }

    /// <summary>(size_t)-1 tells OpenJPEG the write failed (no exception may cross back into native code).</summary>
    [UnmanagedCallersOnly]
    private static nuint Write(byte* buffer, nuint count, void* user)
    {
        var session = Of(user);
        var at = session._outputPosition;
        if (count > int.MaxValue || !session.MoveOutput(at + (long)count))
        {
            return nuint.MaxValue;
        }

        new ReadOnlySpan<byte>(buffer, (int)count).CopyTo(session._output.AsSpan((int)at));
        return count;
    }

    [UnmanagedCallersOnly]
    private static long SkipOutput(long count, void* user) => Of(user).MoveOutput(Of(user)._outputPosition + count) ? count : -1;

    [UnmanagedCallersOnly]
    private static int SeekOutput(long position, void* user) => Of(user).MoveOutput(position) ? 1 : 0;

    /// <summary>Moves the write position, zero-filling any gap past the end; false when the output cannot grow.</summary>
    private bool MoveOutput(long target)
    {
        if (target < 0 || target > Array.MaxLength)
        {
            return false;
        }

        try
        {
            Reserve(target);
        }
        catch (OutOfMemoryException)
        {
            return false;
        }

        _outputPosition = target;
        _outputLength = Math.Max(_outputLength, target);
        return true;
    }

    private void Reserve(long length)
    {
        if (length > _output.Length)
        {
            Array.Resize(ref _output, (int)Math.Min(Array.MaxLength, Math.Max(length, 2L * _output.Length)));
        }
    }

    private struct MemorySource
    {
        public byte* Data;
        public long Length;
        public long Position;
    }
}
