using System.Text.Json.Nodes;
using Airadcr.Testing;

namespace Airadcr.Dicom.Network.Tests;

/// <summary>Compares two Part 10 files' data sets through dcmtk's dcm2json (an independent reader), meta excluded.</summary>
public static class DataSetComparison
{
    public static async Task AssertSameDataSetAsync(string expected, string actual, CancellationToken cancellationToken)
    {
        var left = await DataSetJsonAsync(expected, cancellationToken);
        var right = await DataSetJsonAsync(actual, cancellationToken);
        Assert.True(JsonNode.DeepEquals(left, right), $"data sets differ: {expected} vs {actual}");
    }

    private static async Task<JsonNode?> DataSetJsonAsync(string file, CancellationToken cancellationToken)
    {
        var result = (await DcmtkTools.Dcm2JsonAsync(file, cancellationToken)).EnsureSuccess();
        var json = JsonNode.Parse(result.StandardOutput)!.AsObject();
        foreach (var key in json.Select(p => p.Key).Where(k => k.StartsWith("0002", StringComparison.Ordinal)).ToList())
        {
            json.Remove(key);
        }

        return json;
    }
}
