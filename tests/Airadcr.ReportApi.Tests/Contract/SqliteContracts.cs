using Airadcr.ReportApi.Tests.Infrastructure;

namespace Airadcr.ReportApi.Tests.Contract;

public sealed class SqliteStoreReportTests() : StoreReportContract(new SqliteBackend());

public sealed class SqliteReadReportTests() : ReadReportContract(new SqliteBackend());

public sealed class SqliteOpenReportTests() : OpenReportContract(new SqliteBackend());

public sealed class SqliteApiKeyTests() : ApiKeyContract(new SqliteBackend());

public sealed class SqliteLifecycleTests() : LifecycleContract(new SqliteBackend());

public sealed class SqliteReviewTests() : ReviewContract(new SqliteBackend());
