using Npgsql;

namespace Airadcr.Testing.Tests;

[Collection(nameof(PostgreSqlCollection))]
public sealed class PostgreSqlServerTests(PostgreSqlServer postgres)
{
    [Fact]
    public async Task Answers_select_1_with_password_authentication()
    {
        Assert.Equal(1, await postgres.ScalarAsync<int>("SELECT 1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Runs_postgresql_15()
    {
        var version = await postgres.ScalarAsync<string>("SHOW server_version", TestContext.Current.CancellationToken);
        Assert.StartsWith("15.", version);
    }

    [Fact]
    public async Task Creates_a_database_per_test_class()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync("fixture_test_db", ct);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal("fixture_test_db", await command.ExecuteScalarAsync(ct));
    }

    [Fact]
    public async Task Rejects_a_wrong_password()
    {
        var builder = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Password = "wrong" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync(TestContext.Current.CancellationToken));
    }
}
