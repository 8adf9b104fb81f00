using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorMessenger.Data.Migrations.Sqlite
{
    /// <summary>
    /// Full-text search over message bodies: an FTS5 table with Messages as its external content, kept in sync by
    /// triggers. Deleted messages are not indexed.
    /// </summary>
    public partial class MessageSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE MessagesFts USING fts5(
                    Body, content='Messages', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Messages_fts_insert AFTER INSERT ON Messages WHEN new.DeletedUtc IS NULL BEGIN
                    INSERT INTO MessagesFts(rowid, Body) VALUES (new.Id, new.Body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Messages_fts_delete AFTER DELETE ON Messages WHEN old.DeletedUtc IS NULL BEGIN
                    INSERT INTO MessagesFts(MessagesFts, rowid, Body) VALUES ('delete', old.Id, old.Body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Messages_fts_update AFTER UPDATE OF Body, DeletedUtc ON Messages BEGIN
                    INSERT INTO MessagesFts(MessagesFts, rowid, Body) SELECT 'delete', old.Id, old.Body WHERE old.DeletedUtc IS NULL;
                    INSERT INTO MessagesFts(rowid, Body) SELECT new.Id, new.Body WHERE new.DeletedUtc IS NULL;
                END;
                """);
            migrationBuilder.Sql("INSERT INTO MessagesFts(rowid, Body) SELECT Id, Body FROM Messages WHERE DeletedUtc IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Messages_fts_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Messages_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Messages_fts_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS MessagesFts;");
        }
    }
}
