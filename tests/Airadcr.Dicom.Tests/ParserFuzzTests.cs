using System.Buffers.Binary;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Json;
using Airadcr.Dicom.Text;

namespace Airadcr.Dicom.Tests;

/// <summary>A bounded mutation fuzzer over the parser, seeded from the corpus: whatever the input, only
/// <see cref="DicomFormatException"/> escapes, and memory stays bounded.</summary>
public sealed class ParserFuzzTests
{
    private const int MutationsPerSeed = 60;

    [Fact]
    public void Mutated_corpus_files_only_ever_raise_DicomFormatException()
    {
        var random = new Random(20261122);
        var seeds = Corpus.Files.Select(f => File.ReadAllBytes(Corpus.PathOf(f))).Where(b => b.Length < 400_000).ToList();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var parsed = 0;
        var rejected = 0;
        foreach (var seed in seeds)
        {
            for (var m = 0; m < MutationsPerSeed; m++)
            {
                var input = Mutate(seed, random);
                try
                {
                    using var file = DicomFile.Read(input, new DicomReadOptions { MaxInflatedLength = 16 << 20 });
                    Exercise(file);
                    parsed++;
                }
                catch (DicomFormatException)
                {
                    rejected++;
                }
                catch (Exception ex)
                {
                    Assert.Fail($"mutation {m} of a {seed.Length}-byte seed escaped with {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
                }
            }
        }

        Assert.True(parsed > 0 && rejected > 0, $"parsed {parsed}, rejected {rejected}");
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after - before < 256L << 20, $"memory grew by {(after - before) >> 20} MiB");
    }

    /// <summary>What a consumer does after a successful parse must not throw unexpected exception types either;
    /// malformed values are <see cref="DicomValueException"/>.</summary>
    private static void Exercise(DicomFile file)
    {
        try
        {
            DicomDumpWriter.Write(TextWriter.Null, file.Dataset);
            _ = DicomJsonWriter.ToJson(file.Dataset);
            _ = DicomDatasetWriter.ToArray(file.Dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        }
        catch (Exception ex) when (ex is DicomValueException or InvalidOperationException)
        {
            // Reported malformed values / encapsulated data not representable: both are documented outcomes.
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = (byte[])seed.Clone();
        var operations = random.Next(1, 4);
        for (var i = 0; i < operations && data.Length > 8; i++)
        {
            var at = random.Next(Math.Min(128 + 4, data.Length - 4), data.Length - 4);
            switch (random.Next(5))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(at), (uint)random.Next() | (random.Next(2) == 0 ? 0 : 0x80000000));
                    break;
                case 2:
                    BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(at), 0xFFFFFFFF);
                    break;
                case 3:
                    data = data[..at];
                    break;
                default:
                    BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(at), (ushort)random.Next(0xFFFF));
                    break;
            }
        }

        return data;
    }
}
