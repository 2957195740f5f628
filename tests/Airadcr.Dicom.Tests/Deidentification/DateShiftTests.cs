using Airadcr.Dicom.Deidentification;

namespace Airadcr.Dicom.Tests.Deidentification;

/// <summary>Modified Dates moves DA and DT values by whole days and keeps their precision and time of day.</summary>
public sealed class DateShiftTests
{
    [Theory]
    [InlineData("20240301", -1, "20240229")]
    [InlineData("2024.03.01", -1, "20240229")]   // ACR-NEMA spelling
    [InlineData("20240101-20240131", -10, "20231222-20240121")]
    [InlineData("-20240131", -1, "-20240130")]
    [InlineData("not a date", -1, "19000101")]    // unreadable: the dummy, never the original
    public void Dates(string value, int days, string expected) => Assert.Equal(expected, DateShift.Date(value, days));

    [Theory]
    [InlineData("20240301101500.123", -1, "20240229101500.123")]
    [InlineData("20240301101500+0100", -1, "20240229101500+0100")]
    [InlineData("202403", -1, "202402")]
    [InlineData("2024", -1, "2023")]
    [InlineData("x", -1, "19000101000000")]
    public void Date_times(string value, int days, string expected) => Assert.Equal(expected, DateShift.DateTime(value, days));
}
