namespace Airadcr.ReportApi.Tests.Infrastructure;

/// <summary>Keys every test server starts with.</summary>
public static class TestKeys
{
    public const string Admin = "test-admin-key-0123456789abcdefghijklmnop";
    public const string Api = "airadcr_TestProductionKey0123456789abcdefghijk";
}
