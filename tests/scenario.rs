//! The scenario's knobs: every one has a documented source, presets are valid.

use dns_race::scenario::{source_of, Mitigation, Scenario, Source, KNOBS, PRESETS};

#[test]
fn every_knob_is_listed_with_its_value_and_source() {
    // Every field of the incident's scenario (faults as `fault.field`), but the seed and the
    // list of mitigations; every mitigation on, so that the knobs they bring have values.
    let scenario = Scenario {
        az_failure_at_ms: Some(3_600_000),
        lb_failure_interval_ms: Some(1_800_000),
        ..Scenario::incident().with_mitigations(&Mitigation::ALL)
    };
    let json = serde_json::to_value(&scenario).unwrap();
    let mut fields = Vec::new();
    for (key, value) in json.as_object().unwrap() {
        match value.as_object() {
            Some(fault) => fields.extend(fault.iter().map(|(k, v)| (format!("{key}.{k}"), v.clone()))),
            None if key != "seed" && key != "mitigations" => fields.push((key.clone(), value.clone())),
            None => {}
        }
    }
    for (field, value) in &fields {
        let knob =
            KNOBS.iter().find(|k| k.name == field).unwrap_or_else(|| panic!("{field} is not in KNOBS"));
        assert_eq!((knob.value)(&scenario), value.as_u64(), "KNOBS reads {field} wrongly");
    }
    assert_eq!(KNOBS.len(), fields.len(), "KNOBS lists a knob the scenario does not have");
    assert_eq!(
        source_of("repair_ms"),
        Some(Source::Published("00:38 cause identified, 02:25 DNS restored by hand"))
    );
    assert_eq!(source_of("cleanup_margin_generations"), Some(Source::Assumed));
    assert_eq!(source_of("slow_enactor.lock_losses"), Some(Source::Assumed));
    // A mitigation's knob is "off" while the mitigation is.
    let alarm = KNOBS.iter().find(|k| k.name == "alarm_ms").expect("listed");
    assert_eq!(alarm.format(&Scenario::incident()), "off");
    assert_eq!(alarm.format(&scenario), "5 min");
}

#[test]
fn knob_values_read_as_people_write_them() {
    let incident = Scenario::incident();
    let format = |name: &str| KNOBS.iter().find(|k| k.name == name).unwrap().format(&incident);
    assert_eq!(format("repair_ms"), "1 h 47 min");
    assert_eq!(format("enactor_count"), "3");
    assert_eq!(format("clock_start_ms"), "23:35:00");
    assert_eq!(format("slow_enactor.backoff_ms"), "1 min");
    let calm = Scenario::default();
    assert_eq!(KNOBS.iter().find(|k| k.name == "slow_enactor.from_ms").unwrap().format(&calm), "off");
}

#[test]
fn every_preset_is_valid_and_named() {
    for preset in PRESETS {
        let scenario = Scenario::preset(preset.name, 3).expect(preset.name);
        assert_eq!(scenario.validate(), Ok(()), "{}", preset.name);
    }
    assert_eq!(Scenario::preset("tuesday", 1), None);
    assert_eq!(Scenario::preset("random", 99).unwrap().seed, 99);
}

#[test]
fn a_scenario_round_trips_through_json_and_missing_fields_take_defaults() {
    let incident = Scenario::incident();
    let text = serde_json::to_string(&incident).unwrap();
    assert_eq!(serde_json::from_str::<Scenario>(&text).unwrap(), incident);
    let partial: Scenario = serde_json::from_str(r#"{"seed": 5}"#).unwrap();
    assert_eq!(partial, Scenario { seed: 5, ..Scenario::default() });
}
