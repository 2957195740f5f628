using Airadcr.LocalServers;

/// <summary>Fills an archive: Orthanc by <c>POST /instances</c> in parallel (much faster than C-STORE).</summary>
internal static class Seeding
{
    public static async Task OrthancAsync(OrthancInstance orthanc, BenchStudies studies, IEnumerable<int> numbers)
    {
        using var client = orthanc.CreateClient();
        await Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (n, ct) =>
        {
            using var content = new ByteArrayContent(studies.Instance(n));
            using var response = await client.PostAsync("instances", content, ct);
            response.EnsureSuccessStatusCode();
        });
    }
}
