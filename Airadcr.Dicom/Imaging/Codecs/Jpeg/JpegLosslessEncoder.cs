using System.Buffers;
using JpegLibrary;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>Lossless JPEG, Process 14, selection value 1 (T.81 annex H), one interleaved scan, 1 or 3 components, a
/// sample precision of Bits Stored but at least 8 (as dcmtk chooses; GDCM rejects fewer bits in an 8-bit container). Only the prediction is ours (<see cref="JpegLosslessDifferences"/>); JpegLibrary builds the optimal
/// Huffman table from the categories' frequencies (K.2), gives their codes, writes the headers and stuffs the
/// entropy-coded bits (0xFF 0x00).</summary>
internal static class JpegLosslessEncoder
{
    private const int Predictor = 1;
    private const int TableId = 0;
    private const int MinimumBufferSize = 4096;
    private const int MinimumPrecision = 8;

    public static bool CanEncode(DicomImageInfo info) =>
        info.BitsAllocated is 8 or 16 && info.BitsStored <= 16 && info.SamplesPerPixel is 1 or 3
        && info.Photometric is not ("YBR_FULL_422" or "YBR_PARTIAL_422" or "YBR_PARTIAL_420");

    /// <summary>A codestream; a <paramref name="restartInterval"/> (in pixels) adds DRI and RSTm markers, where the
    /// prediction starts afresh (H.1.2.1).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> frame, DicomImageInfo info, int restartInterval = 0)
    {
        var precision = Math.Max(MinimumPrecision, info.BitsStored);
        var differences = JpegLosslessDifferences.Compute(frame, info, precision, restartInterval);
        var builder = new JpegHuffmanEncodingTableBuilder();
        foreach (var d in differences)
        {
            builder.IncrementCodeCount(JpegLosslessDifferences.Category(d));
        }

        var table = builder.Build(optimal: true);
        var output = new ArrayBufferWriter<byte>(differences.Length * 2 + 1024);
        var writer = new JpegWriter(output, MinimumBufferSize);
        writer.WriteMarker(JpegMarker.StartOfImage);
        WriteFrameHeader(ref writer, info, precision);
        WriteHuffmanTable(ref writer, table);
        if (restartInterval > 0)
        {
            writer.WriteMarker(JpegMarker.DefineRestartInterval);
            writer.WriteLength(2);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(writer.GetSpan(2), (ushort)restartInterval);
            writer.Advance(2);
        }

        WriteScanHeader(ref writer, info.SamplesPerPixel);
        writer.EnterBitMode();
        long bits = 0;
        var samples = info.SamplesPerPixel;
        for (var i = 0; i < differences.Length; i++)
        {
            var pixel = i / samples;
            if (restartInterval > 0 && pixel > 0 && pixel % restartInterval == 0 && i % samples == 0)
            {
                ExitBitMode(ref writer, bits);
                bits = 0;
                writer.WriteMarker((JpegMarker)((int)JpegMarker.DefineRestart0 + (pixel / restartInterval - 1) % 8));
                writer.EnterBitMode();
            }

            var d = differences[i];
            var category = JpegLosslessDifferences.Category(d);
            table.GetCode(category, out var code, out var length);
            writer.WriteBits(code, length);
            bits += length;
            if (category is > 0 and < 16)
            {
                writer.WriteBits(JpegLosslessDifferences.ExtraBits(d, category), category);
                bits += category;
            }
        }

        ExitBitMode(ref writer, bits);
        writer.WriteMarker(JpegMarker.EndOfImage);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Pads the last byte with 1-bits (F.1.2.3) before leaving bit mode: JpegWriter 0.4.32's ExitBitMode
    /// pads itself, but when its buffer is nearly full it advances the output twice (garbage in the codestream), so
    /// it must find no partial byte left.</summary>
    private static void ExitBitMode(ref JpegWriter writer, long bits)
    {
        var pad = (int)((8 - bits % 8) % 8);
        if (pad > 0)
        {
            writer.WriteBits((1u << pad) - 1, pad);
        }

        writer.ExitBitMode();
    }

    private static void WriteFrameHeader(ref JpegWriter writer, DicomImageInfo info, int precision)
    {
        var components = Enumerable.Range(1, info.SamplesPerPixel)
            .Select(id => new JpegFrameComponentSpecificationParameters((byte)id, 1, 1, 0)).ToArray();
        var header = new JpegFrameHeader((byte)precision, (ushort)info.Rows, (ushort)info.Columns, (byte)components.Length, components);
        writer.WriteMarker(JpegMarker.StartOfFrame3);
        writer.WriteLength(header.BytesRequired);
        header.TryWrite(writer.GetSpan(header.BytesRequired), out var written);
        writer.Advance(written);
    }

    private static void WriteHuffmanTable(ref JpegWriter writer, JpegHuffmanEncodingTable table)
    {
        writer.WriteMarker(JpegMarker.DefineHuffmanTable);
        writer.WriteLength((ushort)(1 + table.BytesRequired));
        writer.GetSpan(1)[0] = TableId; // Tc = 0 (DC/lossless), Th = 0
        writer.Advance(1);
        table.TryWrite(writer.GetSpan(table.BytesRequired), out var written);
        writer.Advance(written);
    }

    private static void WriteScanHeader(ref JpegWriter writer, int samples)
    {
        var components = Enumerable.Range(1, samples)
            .Select(id => new JpegScanComponentSpecificationParameters((byte)id, TableId, 0)).ToArray();
        var header = new JpegScanHeader((byte)samples, components, Predictor, 0, 0, 0);
        writer.WriteMarker(JpegMarker.StartOfScan);
        writer.WriteLength(header.BytesRequired);
        header.TryWrite(writer.GetSpan(header.BytesRequired), out var written);
        writer.Advance(written);
    }
}
