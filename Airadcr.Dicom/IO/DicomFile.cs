namespace Airadcr.Dicom.IO;

/// <summary>A DICOM Part 10 file: preamble, file meta information (group 0002) and dataset. Values are views of the
/// source (a byte array, or a memory-mapped file for large files): dispose the file when done with its values.</summary>
public sealed class DicomFile : IDisposable
{
    private readonly IDisposable? _owner;

    public DicomFile(DicomDataset dataset, DicomDataset? meta = null)
        : this(meta ?? new DicomDataset(), dataset, null, false, null)
    {
    }

    private DicomFile(DicomDataset meta, DicomDataset dataset, DicomTransferSyntax? syntax, bool hadPreamble, IDisposable? owner)
    {
        Meta = meta;
        Dataset = dataset;
        TransferSyntax = syntax ?? (meta.TryGetElement(DicomTag.TransferSyntaxUID, out var ts)
            ? DicomTransferSyntax.Lookup(ts.GetString())
            : DicomTransferSyntax.ExplicitVRLittleEndian);
        HadPreamble = hadPreamble;
        _owner = owner;
    }

    /// <summary>File meta information (group 0002), empty for a raw dataset.</summary>
    public DicomDataset Meta { get; }

    public DicomDataset Dataset { get; }

    /// <summary>The transfer syntax the dataset was read in.</summary>
    public DicomTransferSyntax TransferSyntax { get; }

    /// <summary>False for a raw dataset read without preamble and "DICM".</summary>
    public bool HadPreamble { get; }

    /// <summary>Opens a file, memory-mapping it when it is at least <see cref="DicomReadOptions.MemoryMapThreshold"/> bytes.</summary>
    public static DicomFile Open(string path, DicomReadOptions? options = null)
    {
        options ??= DicomReadOptions.Default;
        var length = new FileInfo(path).Length;
        if (length < options.MemoryMapThreshold || length == 0)
        {
            return Read(File.ReadAllBytes(path), options);
        }

        var mapped = new MappedFileMemory(path, length);
        try
        {
            return Read(mapped.Memory, options, mapped);
        }
        catch
        {
            ((IDisposable)mapped).Dispose();
            throw;
        }
    }

    /// <summary>Reads a whole stream (copied into one buffer).</summary>
    public static async Task<DicomFile> ReadAsync(Stream stream, DicomReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), options);
    }

    /// <summary>Parses a Part 10 file (or a raw dataset when allowed) from memory; values are views into it.</summary>
    public static DicomFile Read(ReadOnlyMemory<byte> data, DicomReadOptions? options = null) => Read(data, options ?? DicomReadOptions.Default, null);

    private static DicomFile Read(ReadOnlyMemory<byte> data, DicomReadOptions options, IDisposable? owner)
    {
        var span = data.Span;
        var start = span.Length >= 132 && span.Slice(128, 4).SequenceEqual("DICM"u8) ? 132
            : span.Length >= 4 && span[..4].SequenceEqual("DICM"u8) ? 4
            : -1;
        var meta = new DicomDataset();
        if (start < 0)
        {
            // No preamble: a meta group may still start the data (0002,xxxx explicit LE); otherwise a raw dataset.
            if (span.Length >= 6 && span[0] == 2 && span[1] == 0 && DicomVRInfo.IsKnown((ushort)(span[4] << 8 | span[5])))
            {
                start = 0;
            }
            else if (options.AllowMissingPreamble)
            {
                var detected = DicomDatasetReader.Detect(span);
                return new DicomFile(meta, DicomDatasetReader.Read(data, detected, options), detected, false, owner);
            }
            else
            {
                throw new DicomFormatException("no DICM prefix at offset 128: not a DICOM Part 10 file", 128);
            }
        }

        var parser = new DicomParser(data[start..], DicomTransferSyntax.ExplicitVRLittleEndian, options, start);
        parser.ParseTopLevel(meta, groupFilter: 0x0002);
        var bodyStart = start + parser.Position;
        var body = data[bodyStart..];
        var syntax = meta.TryGetElement(DicomTag.TransferSyntaxUID, out var tsElement) && tsElement.GetString().Length > 0
            ? DicomTransferSyntax.Lookup(tsElement.GetString())
            : DicomDatasetReader.Detect(body.Span);
        if (syntax.IsDeflated)
        {
            (body, var inflated) = InflatedBody.Inflate(body, options.MaxInflatedLength, bodyStart);
            owner = inflated is null ? owner : new Owners(owner, inflated);
            bodyStart = 0;
        }

        var dataset = new DicomDataset();
        new DicomParser(body, syntax, options, bodyStart).ParseTopLevel(dataset);
        return new DicomFile(meta, dataset, syntax, start >= 128, owner);
    }

    /// <summary>Writes the file (meta rebuilt) in <paramref name="syntax"/>, by default the syntax it was read in.</summary>
    public void Save(string path, DicomTransferSyntax? syntax = null) => DicomFileWriter.Write(path, this, syntax);

    public void Save(Stream stream, DicomTransferSyntax? syntax = null) => DicomFileWriter.Write(stream, this, syntax);

    public void Dispose() => _owner?.Dispose();

    /// <summary>The source's mapping (the meta information's values) and the inflated body's.</summary>
    private sealed class Owners(IDisposable? source, IDisposable inflated) : IDisposable
    {
        public void Dispose()
        {
            inflated.Dispose();
            source?.Dispose();
        }
    }
}
