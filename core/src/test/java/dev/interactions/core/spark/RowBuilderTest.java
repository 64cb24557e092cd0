package dev.interactions.core.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RowBuilderTest {
  record Guest(String email, boolean organizer) {}

  record Meeting(String id, String iCalUid, List<Guest> guests, String note) {}

  static final StructType GUEST = new StructType().add("email", DataTypes.StringType)
      .add("organizer", DataTypes.BooleanType);
  static final StructType MEETING = new StructType().add("source", DataTypes.StringType)
      .add("id", DataTypes.StringType).add("i_cal_uid", DataTypes.StringType)
      .add("guests", DataTypes.createArrayType(GUEST));

  @Test
  void componentsFillTheirSnakeCaseColumnsAndNestedRecordsBecomeRows() {
    Row row = RowBuilder.of(MEETING)
        .setRecord(new Meeting("e1", "uid@google.com", List.of(new Guest("a@x.com", true)), "left out"), "note")
        .set("source", "calendar")
        .build();

    assertThat(row.<String>getAs("source")).isEqualTo("calendar");
    assertThat(row.<String>getAs("i_cal_uid")).isEqualTo("uid@google.com");
    List<Row> guests = RowValues.list(row, "guests");
    assertThat(guests).hasSize(1);
    assertThat(guests.get(0).<String>getAs("email")).isEqualTo("a@x.com");
    assertThat(guests.get(0).<Boolean>getAs("organizer")).isTrue();
  }

  @Test
  void aComponentWithoutItsColumnFailsNamingIt() {
    assertThatThrownBy(() -> RowBuilder.of(MEETING).setRecord(new Meeting("e1", null, List.of(), "x")))
        .hasMessageContaining("no column 'note'");
  }

  @Test
  void snakeCase() {
    assertThat(RowBuilder.snakeCase("iCalUid")).isEqualTo("i_cal_uid");
    assertThat(RowBuilder.snakeCase("organizerEmail")).isEqualTo("organizer_email");
    assertThat(RowBuilder.snakeCase("id")).isEqualTo("id");
  }
}
