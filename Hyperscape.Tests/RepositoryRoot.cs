namespace Hyperscape.Tests;

/// <summary>The checkout the tests run from: documents, fixtures and the client live beside the code.</summary>
internal static class RepositoryRoot
{
    /// <summary>The folder holding Hyperscape.sln.</summary>
    public static string Path
    {
        get
        {
            // The test binaries' folder, not the test context's: test case sources run before any context exists.
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Hyperscape.sln")))
            {
                directory = directory.Parent;
            }

            Assert.That(directory, Is.Not.Null, "the repository root (Hyperscape.sln) above the test binaries");
            return directory!.FullName;
        }
    }

    /// <summary>A path inside the repository.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
